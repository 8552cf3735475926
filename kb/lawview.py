"""The encoded law as the engines read it: the mapping's roles, the Supreme Court's rules by what they
establish, vocabulary labels, and how a version is named. Shared by kb/gaps.py and kb/offence.py."""

from __future__ import annotations

import datetime as dt

from .load import KB
from .lookup import act_name
from .model import Provision, Versioned
from .timeline import start


class LawView:
    def __init__(self, kb: KB, on: dt.date, lang: str = "en"):
        self.kb, self.on, self.m, self.lang = kb, on, kb.mapping, lang
        self.adult = self.m.roles.adult_offence if self.m else None
        self.child = self.m.roles.child_offence if self.m else None
        self.case_law = kb.instruments.get(self.m.roles.case_law) if self.m else None

    def rule(self, token: str) -> Provision | None:
        """The resolution's rule that establishes `token` (one_act_suffices, consent_irrelevant ...)."""
        if self.case_law is None:
            return None
        return next((p for p in self.case_law.provisions if token in p.establishes), None)

    def label(self, vid: str) -> str:
        """The term's label in the view's language, else in English, else the id."""
        term = self.kb.vocabulary.terms.get(vid)
        return (term.label.pick(self.lang) if term else None) or vid

    def version(self, v: Versioned) -> str:
        return f"Law {act_name(self.kb.acts[v.act])}, in force {start(v, self.kb.acts)}"
