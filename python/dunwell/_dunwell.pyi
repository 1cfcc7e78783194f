"""Type stubs for the native half of the package (Rust, PyO3). Use the `dunwell` package's API instead."""

from typing import List, Optional, Tuple

class DunwellError(Exception):
    """An error from the module: a stable `code`, the JSON Pointer `path` of what is wrong, and a `message`."""

    code: str
    path: str
    message: str
    envelope: str

def module_sha256() -> str: ...
def module_info() -> str: ...
def module_size() -> int: ...
def schema_names() -> List[str]: ...
def schema_text(name: str) -> str: ...
def flat_accounts(headers: List[str], columns: List[List[Optional[str]]]) -> List[str]: ...

class Engine:
    def __init__(self, policy: str) -> None: ...
    @property
    def policy_sha256(self) -> str: ...
    @property
    def warnings_json(self) -> str: ...
    def call(self, op: str, input: str) -> str: ...
    def decide_lines(self, accounts: List[str], as_of: str, messages: bool = True) -> List[str]: ...
    def decide_columns(
        self, accounts: List[str], as_of: str, messages: bool = True
    ) -> Tuple[
        List[Optional[str]],
        List[Optional[int]],
        List[Optional[str]],
        List[Optional[int]],
        List[Optional[str]],
        List[Optional[str]],
        List[Optional[str]],
        List[str],
        List[Optional[str]],
        List[Optional[str]],
        List[Optional[str]],
    ]: ...
