"""A text progress bar for management commands that import many rows."""


def write_progress(stdout, done: int, total: int, width: int = 40) -> None:
    """Redraw ``[#####.....] done/total`` on one line; end it when done."""
    filled = width * done // total if total else width
    stdout.write(
        f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}",
        ending="\n" if done >= total else "",
    )
    stdout.flush()
