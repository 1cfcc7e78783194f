"""Type stubs for `dunwell`: the Dunwell WebAssembly module, embedded, from Python."""

from os import PathLike
from typing import Any, Iterable, Iterator, List, Mapping, NamedTuple, Optional, Sequence, Tuple, Union

from ._dunwell import DunwellError as DunwellError

__version__: str
CHUNK: int
OUTPUT_COLUMNS: Tuple[Tuple[str, str], ...]
FLAT_COLUMNS: Tuple[str, ...]

Document = Union[str, bytes, Mapping[str, Any]]
Policy = Union[str, bytes, Mapping[str, Any], PathLike]

def module_sha256() -> str: ...
def module_info() -> dict: ...
def schema_names() -> List[str]: ...
def schema(name: str) -> dict: ...
def output_schema() -> Any: ...
def arrow_accounts(batch: Any) -> List[str]: ...

class Engine:
    def __init__(self, policy: Policy) -> None: ...
    @property
    def policy_sha256(self) -> str: ...
    @property
    def module_sha256(self) -> str: ...
    @property
    def warnings(self) -> list: ...
    def call(self, op: str, input: Any) -> str: ...
    def decide(self, account: Document, as_of: str, *, messages: bool = True) -> dict: ...
    def decide_batch(self, accounts: Iterable[Document], as_of: str, *, messages: bool = True) -> List[str]: ...
    def decide_stream(
        self, accounts: Iterable[Document], as_of: str, *, messages: bool = True, chunk: int = 4096
    ) -> Iterator[str]: ...
    def decide_arrow(self, batch: Any, as_of: str, *, messages: bool = True) -> Any: ...
    def offers(self, account: Document, as_of: str) -> dict: ...
    def reply(self, account: Document, as_of: str, text: str, channel: str = "sms") -> dict: ...
    def render(
        self,
        account: Document,
        as_of: str,
        channel: str,
        *,
        template: Optional[str] = None,
        source: Optional[str] = None,
        name: Optional[str] = None,
        tone: Optional[str] = None,
    ) -> dict: ...

class FitResult(NamedTuple):
    fragment: dict
    report: dict

def fit(
    data: Any,
    outcome: str,
    good: Sequence[str],
    *,
    test: Any = None,
    ignore: Sequence[str] = (),
    categorical: Sequence[str] = (),
    numeric: Sequence[str] = (),
    seed: int = 42,
    test_share: float = 0.3,
) -> FitResult: ...
