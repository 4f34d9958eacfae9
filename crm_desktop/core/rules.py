"""Follow-up rules: what makes the app create a task by itself, as plain data.

- keep in touch: contacts tagged X with no logged interaction for N days get a follow-up
  task for their owner; a new interaction starts the count again, and an open task on the
  contact means one is already planned;
- stage entry: a deal that enters stage S gets task T, due N days later, or its owner is
  notified (a notification in the tray and the notification centre, no task);
- no next step: an open deal with no open task reminds its owner.

Each task a rule makes carries a key naming what it was made for (the rule, the record and
the moment that started the count), and the key is unique: a rule never makes the same task
twice, however often it runs.

Keep in touch makes at most ``daily_limit`` new tasks a day (the people silent longest
first): turned on over a large customer base it would otherwise drop hundreds of thousands
of tasks on one person at once. The others get theirs on the following days; nobody is
skipped, and 0 lifts the limit.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

KEEP_IN_TOUCH, STAGE_ENTRY, NO_NEXT_STEP = "keep_in_touch", "stage_entry", "no_next_step"
RULE_KINDS = (KEEP_IN_TOUCH, STAGE_ENTRY, NO_NEXT_STEP)
DEFAULT_TAG, DEFAULT_DAYS = "customer", 30
DEFAULT_DAILY_LIMIT = 500
MAX_DAILY_LIMIT = 1_000_000
ACTION_TASK, ACTION_NOTIFY = "task", "notify"  # what a stage-entry rule does
RULE_ACTIONS = (ACTION_TASK, ACTION_NOTIFY)


@dataclass
class FollowRule:
    id: int | None
    kind: str
    name: str = ""
    enabled: bool = True
    config: dict = field(default_factory=dict)
    position: int = 0

    # keep in touch
    @property
    def tag(self) -> str:
        return str(self.config.get("tag", DEFAULT_TAG))

    @property
    def days(self) -> int:
        return int(self.config.get("days", DEFAULT_DAYS))

    @property
    def daily_limit(self) -> int:
        """The most tasks keep in touch makes in a day; 0 = no limit."""
        return int(self.config.get("daily_limit", DEFAULT_DAILY_LIMIT))

    # stage entry
    @property
    def action(self) -> str:
        """ACTION_TASK (make a task) or ACTION_NOTIFY (tell the owner, no task)."""
        return str(self.config.get("action", ACTION_TASK))

    @property
    def stage_id(self) -> int | None:
        value = self.config.get("stage_id")
        return int(value) if value is not None else None

    @property
    def due_in_days(self) -> int:
        return int(self.config.get("due_in_days", 1))

    @property
    def task_kind(self) -> str:
        return str(self.config.get("task_kind", "todo" if self.kind != KEEP_IN_TOUCH else "call"))

    @property
    def title(self) -> str:
        """The task's title; "%1" stands for the contact's or deal's name. "" = the default."""
        return str(self.config.get("title", ""))

    def config_text(self) -> str:
        return json.dumps(self.config, ensure_ascii=False, sort_keys=True)


def parse_config(text: str) -> dict:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def validate(rule: FollowRule) -> list[str]:
    """Codes of what is wrong with a rule the user edited ([] = fine)."""
    problems = []
    if rule.kind not in RULE_KINDS:
        problems.append("kind")
    if rule.kind == KEEP_IN_TOUCH:
        if not rule.tag.strip():
            problems.append("tag")
        if not 1 <= rule.days <= 3650:
            problems.append("days")
        if not 0 <= rule.daily_limit <= MAX_DAILY_LIMIT:
            problems.append("daily_limit")
    if rule.kind == STAGE_ENTRY:
        if rule.stage_id is None:
            problems.append("stage")
        if not 0 <= rule.due_in_days <= 365:
            problems.append("due_in_days")
        if rule.action not in RULE_ACTIONS:
            problems.append("action")
    return problems
