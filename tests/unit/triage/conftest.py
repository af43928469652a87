import pytest

from dialogs.triage import Triager, load_triager


@pytest.fixture(scope="session")
def triager() -> Triager:
    return load_triager()
