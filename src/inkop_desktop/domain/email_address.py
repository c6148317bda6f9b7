"""E-mail addresses as people type them: one address, a sane local part, an IDNA domain.

No library is required (email-validator is not a dependency): the local part follows RFC 5322's
dot-atom (letters such as å, ä, ö are allowed as in RFC 6531), the domain must encode with IDNA
(``åäö.se`` → ``xn--4cab6c.se``), have a top-level domain and labels of at most 63 characters.
The address is stored with the domain in lower case and in its Unicode form.
"""

from __future__ import annotations

import re
import unicodedata

EXAMPLE = "namn@exempel.se"
MAX_LOCAL = 64
MAX_DOMAIN = 253
_ATEXT = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]")
_ASCII_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?")
_TLD = re.compile(r"[a-z]{2,63}|xn--[a-z0-9-]{1,59}")


def _local_problem(local: str) -> str | None:
    """Why the part before @ is no dot-atom, or None."""
    if not local:
        return "saknar namnet före @"
    if len(local.encode()) > MAX_LOCAL:
        return f"delen före @ är för lång (högst {MAX_LOCAL} tecken)"
    if local.startswith(".") or local.endswith(".") or ".." in local:
        return "delen före @ får inte börja eller sluta med punkt eller ha två punkter i rad"
    for char in local.replace(".", ""):
        if not (_ATEXT.fullmatch(char) or (ord(char) > 127 and _letter(char))):
            return f"tecknet ”{char}” får inte finnas i delen före @"
    return None


def _letter(char: str) -> bool:
    """A letter, digit or combining mark outside ASCII (å, ä, ö, é …)."""
    return unicodedata.category(char)[0] in "LNM"


def _label(label: str) -> tuple[str | None, str]:
    """(problem or None, the label in Unicode form) for one domain label."""
    if not label:
        return "domännamnet har en tom del (två punkter i rad eller punkt först/sist)", label
    if len(label) > 63:
        return "en del av domännamnet är för lång (högst 63 tecken)", label
    try:
        ascii_form = label.encode("idna").decode("ascii")
        unicode_form = ascii_form.encode("ascii").decode("idna")
    except UnicodeError:
        return f"domännamnet ”{label}” innehåller tecken som inte får finnas i ett domännamn", label
    if len(ascii_form) > 63:
        return "en del av domännamnet är för lång (högst 63 tecken)", label
    if not _ASCII_LABEL.fullmatch(ascii_form):
        return (
            f"domännamnet ”{label}” får bara innehålla bokstäver, siffror och bindestreck "
            "(inte först eller sist)",
            label,
        )
    return None, unicode_form


def _domain(domain: str) -> tuple[str | None, str]:
    """(problem or None, the normalised domain) for the part after @."""
    if not domain:
        return "saknar domännamnet efter @", domain
    if domain.startswith("[") or domain.replace(".", "").isdigit():
        return "ange ett domännamn efter @, inte en IP-adress", domain
    labels = domain.split(".")
    if len(labels) < 2:
        return f"domännamnet ”{domain}” saknar toppdomän (t.ex. .se)", domain
    normal = []
    for label in labels:
        problem, form = _label(label)
        if problem is not None:
            return problem, domain
        normal.append(form)
    result = ".".join(normal)
    encoded = result.encode("idna")
    if len(encoded) > MAX_DOMAIN:
        return f"domännamnet är för långt (högst {MAX_DOMAIN} tecken)", domain
    if not _TLD.fullmatch(encoded.decode("ascii").rsplit(".", 1)[1]):
        return f"toppdomänen .{normal[-1]} finns inte (t.ex. .se, .com)", domain
    return None, result


def _shape_problem(value: str) -> str | None:
    """Problems a person typing an address often makes: names, lists, spaces, no @."""
    if "<" in value or ">" in value:
        return "skriv bara adressen, utan namn eller <>"
    if any(sep in value for sep in ",;") or value.count("@") > 1:
        return "ange en enda adress"
    if any(c.isspace() for c in value):
        return "får inte innehålla mellanslag"
    if '"' in value:
        return "citattecken stöds inte i en adress"
    if "@" not in value:
        return "saknar @"
    return None


def email_problem(value: str) -> tuple[str | None, str]:
    """(why *value* is no e-mail address or None, the normalised address); "" is no address."""
    value = unicodedata.normalize("NFC", value.strip())
    if not value:
        return None, ""
    problem = _shape_problem(value)
    if problem is None:
        local, domain = value.rsplit("@", 1)
        problem = _local_problem(local)
        if problem is None:
            problem, domain = _domain(domain.lower())
            value = f"{local}@{domain}"
    return problem, value


def normal_email(value: str) -> str:
    """Pydantic hook: the normalised address, or a Swedish ValueError."""
    problem, normal = email_problem(value)
    if problem is not None:
        raise ValueError(f"är inte en giltig e-postadress: {problem} (formen {EXAMPLE}).")
    return normal
