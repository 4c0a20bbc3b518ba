"""vCard 3.0 (RFC 2426) for an official: UTF-8, escaped and folded as the
standard says, so that phones and mail programs import it whole."""

from collections.abc import Iterable

LINE_OCTETS = 75


def escape(value: str) -> str:
    """Text value escaping: backslash, comma, semicolon and new lines."""
    return (
        (value or "")
        .replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space,
    never splitting a UTF-8 character."""
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode())
        limit = LINE_OCTETS if not parts else LINE_OCTETS - 1
        if size + width > limit:
            parts.append(current)
            current, size = "", 0
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def split_name(full_name: str) -> tuple[str, str, str]:
    """(family, given, middle) of a Vietnamese name: family name first,
    given name last ("Nguyễn Văn An" -> ("Nguyễn", "An", "Văn"))."""
    words = full_name.split()
    if len(words) < 2:
        return "", full_name, ""
    return words[0], words[-1], " ".join(words[1:-1])


def person_vcard(
    *,
    name: str,
    positions: Iterable[tuple[str, str]],
    phone_uri: str = "",
    email: str = "",
    url: str = "",
) -> str:
    """The vCard text; ``positions`` are (title, unit name) pairs."""
    family, given, middle = split_name(name)
    positions = list(positions)
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"N:{escape(family)};{escape(given)};{escape(middle)};;",
        f"FN:{escape(name)}",
    ]
    if positions:
        title, unit = positions[0]
        lines += [f"TITLE:{escape(title)}", f"ORG:{escape(unit)}"]
        if len(positions) > 1:
            lines.append("NOTE:" + escape("\n".join(f"{t}, {u}" for t, u in positions)))
    if phone_uri:
        lines.append(f"TEL;TYPE=WORK,VOICE:{phone_uri.removeprefix('tel:')}")
    if email:
        lines.append(f"EMAIL;TYPE=INTERNET,WORK:{email}")
    if url:
        lines.append(f"URL:{url}")
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)
