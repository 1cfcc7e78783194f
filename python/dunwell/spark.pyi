from typing import Any, Iterator, Sequence

SPARK_SCHEMA: str

def decide_batches(
    batches: Iterator[Any], policy_text: str, as_of: str, messages: bool = True, keep: Sequence[str] = ()
) -> Iterator[Any]: ...
def decide_dataframe(
    df: Any, policy: Any, as_of: str, *, messages: bool = True, keep: Sequence[str] = ()
) -> Any: ...
