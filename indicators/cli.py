"""The `indicators` command: extract | evaluate | cases | serve | add."""

from __future__ import annotations

import argparse
import gc
import json
import sys
from pathlib import Path

DOC_SUFFIXES = {".txt", ".text", ".md", ".htm", ".html", ".docx", ".pdf"}
EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2
# the cyclic garbage collector's young generation: the extraction makes millions of short-lived
# tuples and dicts without cycles (over the seeds x 40 its passes free 663 objects in all), so a
# pass every 50,000 new objects instead of every 700 costs about 0.2 s less and no memory to speak of
GC_YOUNG = 50_000
FORCE_HELP = (
    "replace an existing output that indicators did not write (by default such a file or "
    "folder is refused and left untouched)"
)


class UsageError(Exception):
    """A command-line argument the user must correct."""


def expand_paths(raw: list[str]) -> list[Path]:
    """Files named on the command line; a folder stands for the documents inside it."""
    paths: list[Path] = []
    for item in raw:
        p = Path(item)
        if p.is_dir():
            paths += sorted(
                f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in DOC_SUFFIXES
            )
        else:
            paths.append(p)  # a missing file is reported as a failure by the reader
    return paths


def _progress(stream):
    def show(i: int, n: int, path: Path) -> None:
        if n > 1 and stream.isatty():
            bar = "#" * int(30 * i / n)
            stream.write(f"\r[{bar:<30}] {i}/{n} {path.name[:40]:<40}")
            if i == n:
                stream.write("\n")
            stream.flush()

    return show


def _rows_only(args, as_dataset: bool) -> bool:
    """One Parquet file from the local engine is written from the row dicts (parquet_rows): the
    run makes no frame and never imports pandas (about 0.5 s of a run over the seeds x 40)."""
    parquet = Path(args.output).suffix.lower() == ".parquet"
    return parquet and not as_dataset and args.engine != "dask"


def cmd_extract(args) -> int:
    gc.set_threshold(GC_YOUNG, *gc.get_threshold()[1:])  # for the rest of this process
    from indicators.pipeline import extract_path_rows, extract_paths
    from indicators.sources import load_sources
    from indicators.storage import is_dataset_path

    as_dataset = is_dataset_path(args.output)  # a directory or a name without suffix
    if as_dataset and Path(args.output).is_file():
        raise UsageError(f"{args.output}: is a file; give a directory for a Parquet dataset")
    rows_only = _rows_only(args, as_dataset)
    try:
        if not (as_dataset or rows_only):
            from indicators.exporters import exporter_for

            exporter_for(args.output)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    paths = expand_paths(args.paths)
    if not paths:
        raise UsageError("no documents found in " + " ".join(args.paths))
    from indicators.output_guard import ensure_replaceable

    if args.engine == "dask":
        from indicators.errors import require_extra

        require_extra("dask.distributed", "scale", "--engine dask")
    ensure_replaceable(args.output, force=args.force, inputs=[*paths, *map(Path, args.paths)])
    sources = load_sources(Path(args.sources)) if args.sources else None
    if args.engine == "dask":
        from indicators.scale import extract_with_dask

        result = extract_with_dask(paths, sources, args.workers, args.scheduler, args.max_mb)
    else:
        gc.freeze()  # the modules loaded by now live until the end: no collector pass visits them
        extract = extract_path_rows if rows_only else extract_paths
        result = extract(paths, sources, int(args.max_mb * 1e6), _progress(sys.stderr))
    for failure in result.failures:
        print(f"skipped: {failure.reason}", file=sys.stderr)
    damaged = [doc for doc in result.documents if doc.damage]
    for doc in damaged:
        print(f"damaged: {doc.damage_report()}", file=sys.stderr)
    if not result.documents:  # never replace a table with the empty result of a failed run
        print(f"no document could be read; nothing written to {args.output}", file=sys.stderr)
        return EXIT_SOME_FAILED
    _write_extracted(result, args, as_dataset, rows_only, sources)
    n_ok = len(paths) - len(result.failures)
    if not args.quiet:
        n_rows = len(result.rows) if rows_only else len(result.table)
        print(
            f"files: {len(paths)} ({n_ok} read, {len(result.failures)} failed"
            + (f", {len(damaged)} read with damaged bytes" if damaged else "")
            + f"); rows: {n_rows}; written: {args.output}",
            file=sys.stderr,
        )
        if result.failures:
            print("failed: " + ", ".join(str(f.path) for f in result.failures), file=sys.stderr)
    return EXIT_SOME_FAILED if result.failures else EXIT_OK


def _write_extracted(result, args, as_dataset: bool, rows_only: bool, sources) -> None:
    """Write what `cmd_extract` extracted: a Parquet dataset, one Parquet file from the row dicts,
    or a table file in the format its extension names."""
    if as_dataset:
        from indicators.corpus import manifest_of
        from indicators.storage import write_dataset

        write_dataset(result.table, Path(args.output), manifest_of(result, sources), args.force)
    elif rows_only:
        from indicators.parquet_rows import write_parquet_rows

        write_parquet_rows(result.rows, Path(args.output), force=args.force)
    else:
        from indicators.exporters import write_table

        write_table(result.table, Path(args.output), force=args.force)


def cmd_evaluate(args) -> int:
    from indicators.evaluation import evaluate_extraction, format_figures

    out: dict = {}
    if args.gold:
        out["extraction"] = evaluate_extraction(args.gold, Path(args.docs), args.pred, args.show)
    if args.meaning_gold:
        from indicators.evaluation import evaluate_meaning

        out["meaning"] = evaluate_meaning(args.meaning_gold, Path(args.docs), args.pred)
    if args.cases_gold:
        from indicators.structure import evaluate_cases

        out["cases"] = {str(p): evaluate_cases(Path(p), Path(args.docs)) for p in args.cases_gold}
    if args.peer:
        from indicators.peer_eval import SPEC_DIR, SPEC_FILES, peer_pass_rate

        out["peer"] = {}
        for name in SPEC_FILES:
            r = peer_pass_rate(SPEC_DIR / name)
            out["peer"][name] = {k: r[k] for k in ("total", "excluded", "passed", "rate")}
    if not out:
        raise UsageError(
            "say what to evaluate: --gold FILES, --meaning-gold FILES, --cases-gold FILE or --peer"
        )
    if args.json:
        print(json.dumps(_jsonable(out), ensure_ascii=False, indent=1))
    else:
        print(format_figures(out))
    return EXIT_OK


def _jsonable(obj):
    if isinstance(obj, dict):
        return {k: _jsonable(v) for k, v in obj.items() if not str(k).startswith("_")}
    if isinstance(obj, list):
        return [_jsonable(v) for v in obj]
    return obj


def cmd_cases(args) -> int:
    from indicators.reading import DocumentError, read_document
    from indicators.sources import sources_for
    from indicators.structure import describe_split, split_cases

    try:
        doc = read_document(Path(args.path))
    except DocumentError as exc:
        print(f"skipped: {exc}", file=sys.stderr)
        return EXIT_SOME_FAILED
    source = sources_for(doc.path).get(doc.path.name)
    print(describe_split(split_cases(doc.text, city=source.city if source else None)))
    return EXIT_OK


def _serve_refusal(args, token: str | None) -> str | None:
    """Why `indicators serve` will not start with these options (None: it will)."""
    from dashboard import serving

    try:
        serving.check_serve_options(args.host, args.debug, args.allow_uploads, token)
        if args.base_url:
            args.base_url = serving.check_base_url(args.base_url)
        if not args.debug:
            from indicators.errors import require_extra

            require_extra("waitress", "serve", "indicators serve")
    except serving.ServeRefused as exc:
        return str(exc)
    return None


def cmd_serve(args) -> int:
    import os

    from dashboard import serving
    from indicators.output_guard import OutputRefused, is_replaceable

    token = args.upload_token or os.environ.get("INDICATORS_UPLOAD_TOKEN") or None
    args.base_url = args.base_url or os.environ.get("INDICATORS_BASE_URL") or None
    refusal = _serve_refusal(args, token)  # before any table is read or built
    if refusal:
        print(f"error: {refusal}", file=sys.stderr)
        return EXIT_USAGE
    table = Path(args.table)
    if not is_replaceable(table):  # uploads would write here: only a table of ours is served
        raise OutputRefused(
            f"{table}: is not an indicator table written by indicators; give --table a table "
            f"file (.parquet, .csv, .xlsx, .jsonl) or a dataset folder built by `indicators extract`"
        )
    try:
        serving.check_port_free(args.host, args.port)
        if not table.exists():
            print(f"{table} does not exist: building it from {args.seeds}/ first", file=sys.stderr)
            rc = main(["extract", args.seeds, "-o", str(table), "--quiet"])
            if rc == EXIT_USAGE:
                return rc
        from dashboard.app import run

        uploads = (
            ("on, with the upload token" if token else "on (this computer only)")
            if args.allow_uploads
            else "off (--allow-uploads turns them on)"
        )
        print(
            f"改革成效指标看板 / dashboard: {args.base_url or serving.own_address(args.host, args.port)}"
            f"  (listening on {args.host}:{args.port}; uploads {uploads}; Ctrl+C to stop)",
            flush=True,
        )
        run(table, host=args.host, port=args.port, debug=args.debug,
            allow_uploads=args.allow_uploads, upload_token=token, base_url=args.base_url,
            threads=args.threads)  # fmt: skip
    except serving.ServeRefused as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def cmd_add(args) -> int:
    from indicators.corpus import MetadataError, add_document

    try:
        report = add_document(
            Path(args.file),
            corpus=Path(args.corpus),
            table=Path(args.table),
            city=args.city,
            published=args.published,
            title=args.title,
            force=args.force,
        )
    except MetadataError as exc:
        raise UsageError(str(exc)) from exc
    print(report, file=sys.stderr)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="indicators",
        description="改革成效指标: extract quantitative indicators from Chinese reform texts.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract indicators from documents into one table")
    p.add_argument("paths", nargs="+", help="text/HTML files or folders of them")
    p.add_argument(
        "-o",
        "--output",
        required=True,
        help="table: .parquet, .csv, .xlsx or .jsonl; a directory: a Parquet dataset by city",
    )
    p.add_argument("--sources", help="sources YAML (default: sources.yaml beside each document)")
    p.add_argument("--max-mb", type=float, default=50.0, help="skip files larger than this (MB)")
    p.add_argument("--engine", choices=("local", "dask"), default="local")
    p.add_argument("--workers", type=int, default=2, help="dask workers (local cluster)")
    p.add_argument("--scheduler", help="address of a running dask scheduler (tcp://host:8786)")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    p.add_argument("--force", action="store_true", help=FORCE_HELP)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("evaluate", help="score the extractor against gold annotations")
    p.add_argument("--gold", nargs="+", help="gold mention files (JSONL)")
    p.add_argument("--docs", default="seeds", help="folder of the gold documents")
    p.add_argument("--pred", help="a predicted table to score (default: extract the docs now)")
    p.add_argument("--cases-gold", nargs="+", help="case gold files (cases-dev.jsonl)")
    p.add_argument(
        "--meaning-gold",
        nargs="+",
        help="meaning gold (concept, improving, core: meaning-dev.jsonl)",
    )
    p.add_argument("--peer", action="store_true", help="peer number-spec pass rates")
    p.add_argument("--show", type=int, default=0, help="list N misses and false positives")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("cases", help="print the case split of a document")
    p.add_argument("path")
    p.set_defaults(func=cmd_cases)

    p = sub.add_parser("serve", help="serve the dashboard (waitress)")
    p.add_argument("--table", default="data/indicators.parquet")
    p.add_argument("--seeds", default="seeds", help="documents to build the table from if missing")
    p.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (0.0.0.0: the whole network)"
    )
    p.add_argument("--port", type=int, default=8050)
    p.add_argument("--threads", type=int, default=8, help="waitress threads (default 8)")
    p.add_argument(
        "--allow-uploads",
        action="store_true",
        help="turn on the Add-document page (off by default); beyond 127.0.0.1 it also needs "
        "an upload token",
    )
    p.add_argument(
        "--upload-token",
        help="the token uploaders must type (at least 12 characters); prefer the environment "
        "variable INDICATORS_UPLOAD_TOKEN, which other users of this computer cannot see",
    )
    p.add_argument(
        "--base-url",
        help="the address people open the dashboard at, for the view link in exports "
        "(or INDICATORS_BASE_URL; default: http://HOST:PORT/)",
    )
    p.add_argument(
        "--debug",
        action="store_true",
        help="Flask's development server with the debugger (only with --host 127.0.0.1)",
    )
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("add", help="add a document to the corpus and update the table")
    p.add_argument("file")
    p.add_argument("--city", required=True)
    p.add_argument("--published", required=True, help="YYYY-MM-DD")
    p.add_argument("--title", default="")
    p.add_argument("--corpus", default="seeds")
    p.add_argument("--table", default="data/indicators.parquet")
    p.add_argument("--force", action="store_true", help=FORCE_HELP)
    p.set_defaults(func=cmd_add)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command; exit 0 when all went well, 1 when some inputs failed, 2 on usage errors."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except UsageError as exc:
        parser.error(str(exc))  # exits 2
    except Exception as exc:  # a user-facing error class from the library
        from indicators.errors import USAGE_ERRORS, USER_ERRORS

        if isinstance(exc, USAGE_ERRORS):
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_USAGE
        if isinstance(exc, USER_ERRORS):
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_SOME_FAILED
        raise
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
