"""People listed on a team page: a heading with a person's name, often with a photo beside it
and a few lines about them, grouped under headings such as "PhD students" or "Alumni".

Lab sites write these by hand (HTML or markdown) on a page at /people/ or /team/; the page's
blocks, as ``markup`` converts them, are read here into people.
"""

import re

from research.moving_in.common import new_person
from research.moving_in.plan import Body, PersonItem

TEAM_WORDS = re.compile(r"\b(people|team|members|group members|lab members|our group)\b", re.I)
FORMER = re.compile(r"alum|former|past|previous", re.I)
ROLE_WORDS = re.compile(
    r"professor|principal|director|post-?doc|phd|doctoral|student|researcher|engineer|"
    r"scientist|fellow|manager|technician|assistant|associate|lecturer|intern|alum|visiting|"
    r"undergraduate|graduate|master|msc|faculty|staff|collaborator|member",
    re.I,
)


def is_team_page(url: str, title: str) -> bool:
    return bool(TEAM_WORDS.search(url.replace("/", " ")) or TEAM_WORDS.fullmatch(title.strip()))


def people_in(body: Body, source: str, reading, looks_like_a_person) -> list[PersonItem]:
    """Each heading naming a person becomes one; the group heading above gives the role."""
    people: list[PersonItem] = []
    group, group_level = "", "h1"
    pending_image = None
    current: PersonItem | None = None
    for block in body.blocks:
        kind, value = block[0], block[1]
        if kind == "image":
            if current is not None and current.photo is None and not current.body.blocks:
                current.photo = value
            else:
                pending_image = value
            continue
        if kind == "heading":
            text = " ".join(str(value.get("text", "")).split())
            level = value.get("level", "h2")
            latin = re.sub(r"\s+[^\x00-\u024f]+.*$", "", text).strip()  # "Jeni Lee 이제니"
            if looks_like_a_person(latin) and not ROLE_WORDS.search(latin):
                current = new_person(
                    reading,
                    latin,
                    source,
                    role=_role(group) or "Member",
                    former=bool(FORMER.search(group)),
                    photo=pending_image,
                )
                people.append(current)
                pending_image = None
            elif current is None or level <= group_level:
                # A heading as high as the group's starts the next group ("Alumni").
                group, group_level, current = text, level, None
                pending_image = None
            else:
                current.body.blocks.append(block)  # "Research interests" under a person
            continue
        if current is not None:
            if kind == "paragraph" and current.role == "Member" and not current.body.blocks:
                words = re.sub(r"<[^>]+>", " ", str(value)).strip()
                if len(words) < 80 and ROLE_WORDS.search(words):
                    current.role = " ".join(words.split())[:80]
                    continue
            current.body.blocks.append(block)
    return people


def _role(group: str) -> str:
    """'PhD Students' -> 'PhD student'; a group heading names the role of those under it."""
    role = " ".join(group.split())[:80]
    if role.lower().endswith("ies"):
        return role[:-3] + "y"
    if role.endswith("s") and not role.lower().endswith(("ss", "us")):
        return role[:-1]
    return role
