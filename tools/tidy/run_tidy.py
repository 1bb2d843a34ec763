#!/usr/bin/env python3
"""The .clang-tidy checks over every source file of src/, as the ctest entry `tidy` (so `make test` runs them on a
clean clone, in parallel with the other tests).

Each file's result is cached, keyed by a hash of the file as the compiler sees it (the preprocessed translation unit:
the file and every header it includes), the .clang-tidy configuration and clang-tidy's version. A file whose key is
in the cache passed before and is not checked again; a file that fails is never cached. On a clean clone the cache is
empty and every file is checked (about 6 CPU-minutes); afterwards only what a change touched is.

usage: run_tidy.py --build DIR [--cache DIR] [--jobs N] [--source-dir DIR]
Exit status 1 when clang-tidy reports anything (WarningsAsErrors: '*'), with its report on stdout."""
import argparse, concurrent.futures, hashlib, json, os, shlex, subprocess, sys, time


def preprocess_command(entry):
    args = entry.get("arguments") or shlex.split(entry["command"])
    out, skip = [], False
    for a in args:
        if skip:
            skip = False
            continue
        if a == "-o":
            skip = True
            continue
        if a == "-c" or a.startswith("-o") and len(a) > 2 and not a.startswith("-O"):
            continue
        out.append(a)
    # -E: the translation unit after preprocessing, with line markers (what clang-tidy sees, headers included).
    return out + ["-E", "-o", "-"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    ap.add_argument("--source-dir", default=os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    ap.add_argument("--cache", default=None)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--clang-tidy", default="clang-tidy")
    opts = ap.parse_args()
    src = os.path.join(os.path.abspath(opts.source_dir), "src") + os.sep
    cache = opts.cache or os.path.join(os.path.abspath(opts.build), "tidy-cache")
    os.makedirs(cache, exist_ok=True)
    with open(os.path.join(opts.build, "compile_commands.json")) as f:
        entries = [e for e in json.load(f)
                   if os.path.abspath(os.path.join(e["directory"], e["file"])).startswith(src)
                   and e["file"].endswith(".cpp")]
    if not entries:
        print(f"tidy: no file of {src} in {opts.build}/compile_commands.json", file=sys.stderr)
        return 1
    version = subprocess.run([opts.clang_tidy, "--version"], capture_output=True, text=True, check=True).stdout
    with open(os.path.join(opts.source_dir, ".clang-tidy"), "rb") as f:
        config = f.read()

    def check(entry):
        path = os.path.abspath(os.path.join(entry["directory"], entry["file"]))
        pre = subprocess.run(preprocess_command(entry), cwd=entry["directory"], capture_output=True)
        h = hashlib.sha256()
        for part in (path.encode(), version.encode(), config, pre.stdout if pre.returncode == 0 else b"no-preprocess"):
            h.update(hashlib.sha256(part).digest())
        key = os.path.join(cache, h.hexdigest())
        if pre.returncode == 0 and os.path.exists(key):
            return path, True, "", True
        # The compile database is GCC's: clang does not know some of its options (-Wno-restrict, CMakeLists.txt).
        run = subprocess.run([opts.clang_tidy, "--quiet", "--extra-arg=-Wno-unknown-warning-option", "-p", opts.build,
                              path], capture_output=True, text=True)
        ok = run.returncode == 0
        if ok and pre.returncode == 0:
            open(key, "w").close()
        report = run.stdout + ("" if ok else run.stderr)
        return path, ok, report, False

    start = time.monotonic()
    failed, cached = [], 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, opts.jobs)) as pool:
        for path, ok, report, hit in pool.map(check, entries):
            cached += hit
            if not ok:
                failed.append(path)
                print(report)
    print(f"tidy: {len(entries)} files of src/, {cached} unchanged since they passed (cache {cache}), "
          f"{len(entries) - cached} checked, {len(failed)} with findings, {time.monotonic() - start:.1f} s")
    for path in failed:
        print(f"  {os.path.relpath(path, opts.source_dir)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
