"""Errors a user can cause. The CLI and the app print ``str(error)``: one plain sentence."""


class IndexerError(Exception):
    """Base class: the message says what happened and what to do."""


class IndexMissing(IndexerError):
    def __init__(self, folder: str) -> None:
        super().__init__(
            f"No index found in {folder}; build one with: python -m indexer build corpus/"
        )


class ModelMismatch(IndexerError):
    def __init__(self, folder: str, built_with: str, configured: str) -> None:
        super().__init__(
            f"The index in {folder} was built with the model {built_with!r}, not {configured!r}; "
            "use that model, or build into a new folder with --index."
        )


class IndexCorrupt(IndexerError):
    def __init__(self, folder: str, detail: str) -> None:
        super().__init__(f"The index in {folder} cannot be read ({detail}); rebuild it.")


class UnknownAuthority(IndexerError):
    def __init__(self, name: str, suggestions: list[str]) -> None:
        hint = f" Did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"{name!r} is not an English local authority that we know.{hint}")


class UnknownDocType(IndexerError):
    def __init__(self, name: str, allowed: tuple[str, ...]) -> None:
        super().__init__(f"{name!r} is not a document type; use one of: {', '.join(allowed)}.")


class ExtractionError(IndexerError):
    """A file could not be read; the build skips it with this reason."""


class SettingsError(IndexerError):
    pass


class UnknownGrade(IndexerError):
    def __init__(self, name: str, allowed: tuple[str, ...], outcomes: tuple[str, ...] = ()) -> None:
        send = f", or an area SEND outcome: {', '.join(outcomes)}" if outcomes else ""
        super().__init__(f"{name!r} is not an Ofsted grade; use one of: {', '.join(allowed)}{send}.")


class CompareAuthorities(IndexerError):
    def __init__(self, names: list[str], least: int, most: int) -> None:
        given = f"{len(names)} ({', '.join(names)})" if names else "none"
        super().__init__(f"Compare needs {least} to {most} authorities and was given {given}; name each with --authority.")
