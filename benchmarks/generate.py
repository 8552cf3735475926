"""Synthetic knowledge bases in the real statutes/ shape, for benchmarks: the shipped KB plus generated
articles. Scale 1 is the shipped KB; scale 100 is about 500 articles x 4 parts x 10 versions.

    python benchmarks/generate.py OUT_DIR --scale 100
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
YEARS = list(range(2015, 2025))  # one synthetic amending act a year
ACTS = [f"bench-{y}" for y in YEARS]
VOCAB = {
    "acts": ["act.recruitment", "act.transportation", "act.transfer", "act.harbouring", "act.receipt"],
    "means": ["means.deception", "means.use_of_force", "means.dependency", "means.abuse_of_trust"],
    "circumstances": ["circ.group_prior_agreement", "circ.repeatedly", "circ.two_or_more_victims",
                      "circ.cross_border", "circ.victim_pregnant"],
}
WORDS = ("recruiting transporting harbouring receiving person exploitation labour deception force group "
         "victim minor border organs services dependence trust official position").split()


def acts_yaml() -> str:
    lines = []
    for year, act in zip(YEARS, ACTS):
        lines += [f"  - id: {act}", f"    number: B-{year}", f"    title: {{en: synthetic amending act of {year}}}",
                  f"    signed: {year}-01-01", f"    in_force: {year}-07-01",
                  "    sources: [{ref: kz-dossier, supports: synthetic}]", "    confidence: unverified"]
    return "\n".join(lines) + "\n"


def sentence(rng: random.Random, n: int = 14) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def version(rng: random.Random, act: str, qualifying: bool, indent: str) -> str:
    lo = rng.randint(1, 8)
    hi = lo + rng.randint(1, 6)
    slot = "circumstances" if qualifying else "acts"
    ids = ", ".join(sorted(rng.sample(VOCAB[slot], 2)))
    extra = "" if qualifying else f"\n{indent}    purposes: [purpose.exploitation]"
    return (f"{indent}- act: {act}\n{indent}  summary: {sentence(rng)}\n"
            f"{indent}  elements:\n{indent}    {slot}: [{ids}]{extra}\n"
            f"{indent}  penalty:\n{indent}    main: [{{kind: imprisonment, min: {lo}y, max: {hi}y}}]\n"
            f"{indent}    additional: [{{kind: confiscation, mandatory: {str(rng.random() < .5).lower()}}}]\n"
            f"{indent}  sources: [{{ref: kz-dossier, supports: synthetic}}]\n{indent}  confidence: unverified\n")


def article(number: int, rng: random.Random, parts: int = 4, versions: int = 10) -> str:
    out = [f'article: "{number}"', "code: kz-cc", "titles:",
           f"  - {{act: kz-law-226-V, title: {{en: Synthetic article {number}, ru: Статья {number}}}, "
           "sources: [{ref: kz-dossier}], confidence: unverified}", "parts:"]
    for p in range(1, parts + 1):
        out.append(f'  - id: "{p}"')
        if p > 1:
            out.append('    builds_on: ["1"]')
        out.append("    versions:")
        chain = ["kz-law-226-V", *ACTS[1:versions]]
        out += [version(rng, act, p > 1, "      ").rstrip("\n") for act in chain]
        if p > 1:
            out.append("    items:")
            for i in range(1, 4):
                out += [f'      - id: "{i}"', "        versions:",
                        f"          - {{act: kz-law-226-V, summary: {rng.choice(WORDS)}, elements: {{means: "
                        f"[{rng.choice(VOCAB['means'])}]}}, sources: [{{ref: kz-dossier}}], confidence: unverified}}"]
    return "\n".join(out) + "\n"


def whole_code_text(root: Path, out: Path) -> Path:
    """For benchmarking `tipkb import`: write the KB at ROOT to OUT as the whole Code's text, as a user saves it
    from adilet.zan.kz (benchmarks/codetext.py renders it)."""
    from codetext import render

    out.write_text(render(root), encoding="utf-8")
    return out


def generate(out: Path, scale: int, seed: int = 7) -> Path:
    if out.exists():
        shutil.rmtree(out)
    for folder in ("statutes", "mappings"):
        shutil.copytree(ROOT / folder, out / folder)
    if scale <= 1:
        return out
    amendments = out / "statutes/kz/criminal-code/amendments.yaml"
    amendments.write_text(amendments.read_text(encoding="utf-8") + acts_yaml(), encoding="utf-8")
    rng = random.Random(seed)
    count = 5 * scale - 8  # with the shipped eight: ~5 articles per unit of scale
    for n in range(1000, 1000 + count):
        (out / f"statutes/kz/criminal-code/art-{n}.yaml").write_text(article(n, rng), encoding="utf-8")
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--text", type=Path, metavar="FILE", help="also write the whole-Code text to FILE (for import)")
    args = parser.parse_args()
    print(generate(args.out, args.scale))
    if args.text:
        print(whole_code_text(args.out, args.text))
