"""OCR inference runtimes compared on the same model inputs (issue 16).

    .venv/bin/python benchmarks/bench_ocr_runtime.py [SCAN.pdf ...]

The model inputs (detection, recognition and line-classification tensors) of the given
scans (default: one upright and one turned scanned sample) are captured once by running
``jixiao.process.process_file`` with the default engine, then replayed in one fresh child
process per runtime, on one thread as in an ingest worker: onnxruntime with the
engine's own session options; the same with onnxruntime's CPU memory arena on;
OpenVINO on the same ONNX files; onnxruntime on recognition with its MatMul weights
quantized to int8 (``quantize_dynamic``, needs the ``onnx`` package; quantizing the
convolutions too, as ConvInteger, was slower and read 39 of 402 lines differently). Printed: CPU seconds to create the sessions, CPU seconds per
model, the child's peak RSS, and whether each output matches onnxruntime's (recognition:
the decoded texts; detection: the text/no-text map at the engine's threshold). Runtimes
whose package is not installed are skipped. Figures only; no assertions.
"""

from __future__ import annotations

import argparse
import json
import pickle
import resource
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
DEFAULT_SCANS = (
    "shaoguan_2020_12345_hotline_basic_info_scan150.pdf",
    "jiujiang_2021_primary_care_it_national_form_libreoffice_scan150_rot90.pdf",
)
RUNTIMES = ("onnxruntime", "onnxruntime-arena", "openvino", "onnxruntime-int8-rec")

Run = Callable[[np.ndarray], np.ndarray]


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def capture(scans: list[Path], into: Path) -> None:
    """Run the default engine over ``scans``, keeping every (model, input) pair."""
    from jixiao.extract.ocr import rapid
    from jixiao.process import process_file

    calls: list[tuple[str, np.ndarray]] = []
    create = rapid.RapidOcrEngine._session

    class Recording:
        def __init__(self, kind: str, session: Any) -> None:
            self.kind, self.session = kind, session

        def run(self, names: Any, feeds: dict[str, np.ndarray]) -> Any:
            calls.append((self.kind, feeds["x"].copy()))
            return self.session.run(names, feeds)

        def __getattr__(self, name: str) -> Any:
            return getattr(self.session, name)

    rapid.RapidOcrEngine._session = lambda self, kind: Recording(kind, create(self, kind))  # type: ignore[method-assign]
    for scan in scans:
        process_file(scan)
    into.write_bytes(pickle.dumps(calls))


class _ArenaOrt:
    """onnxruntime as the engine sees it, but sessions keep the CPU memory arena."""

    def __init__(self, ort: Any) -> None:
        self._ort = ort

    def __getattr__(self, name: str) -> Any:
        return getattr(self._ort, name)

    def InferenceSession(self, path: str, sess_options: Any, **kw: Any) -> Any:  # noqa: N802
        sess_options.enable_cpu_mem_arena = True
        return self._ort.InferenceSession(path, sess_options=sess_options, **kw)


def _sessions(runtime: str, workdir: Path) -> dict[str, Run] | None:
    """One callable per model kind for ``runtime``, or None when it is not installed."""
    from jixiao.extract.ocr.rapid import RapidOcrEngine

    engine = RapidOcrEngine(threads=1)
    if runtime == "onnxruntime-arena":
        engine._ort = _ArenaOrt(engine._ort)
    if runtime == "onnxruntime-int8-rec":
        try:
            from onnxruntime.quantization import quantize_dynamic
        except ImportError:  # needs the onnx package
            return None
        quantized = workdir / "rec_int8.onnx"
        quantize_dynamic(str(engine._paths["rec"]), str(quantized), op_types_to_quantize=["MatMul"])
        engine._paths = {**engine._paths, "rec": quantized}
    if runtime == "openvino":
        try:
            import openvino
        except ImportError:
            return None
        core = openvino.Core()
        config = {"INFERENCE_NUM_THREADS": 1, "PERFORMANCE_HINT": "LATENCY"}

        def compiled(kind: str) -> Run:
            request = core.compile_model(str(engine._paths[kind]), "CPU", config)
            infer = request.create_infer_request()

            def run(x: np.ndarray) -> np.ndarray:
                infer.infer({0: x})
                return infer.get_output_tensor(0).data.copy()

            return run

        return {kind: compiled(kind) for kind in engine._paths}

    def session(kind: str) -> Run:
        created = engine._session(kind)
        return lambda x: created.run(None, {"x": x})[0]

    return {kind: session(kind) for kind in engine._paths}


def child(runtime: str, calls_file: Path, out_file: Path) -> None:
    """Replay the captured inputs on ``runtime``; figures as JSON, outputs pickled."""
    with calls_file.open("rb") as stream:  # streamed: no copy of the file in the peak RSS
        calls: list[tuple[str, np.ndarray]] = pickle.load(stream)
    _comparable("rec", np.zeros((1, 1, 2), np.float32))  # load the charset before measuring
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = _cpu()
    runs = _sessions(runtime, out_file.parent)
    if runs is None:
        print(json.dumps({"skipped": True}))
        return
    start = _cpu() - started
    cpu: dict[str, float] = {}
    outputs = []
    for kind, x in calls:
        t0 = _cpu()
        output = runs[kind](x)
        cpu[kind] = cpu.get(kind, 0.0) + _cpu() - t0
        outputs.append(_comparable(kind, output))
    out_file.write_bytes(pickle.dumps(outputs))
    rss = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
    print(json.dumps({"start": start, "cpu": cpu, "rss_mb": rss}))


_CHARSET: list[str] = []


def _comparable(kind: str, output: np.ndarray) -> Any:
    """What the engine keeps of a model's output: recognition's decoded texts, the
    detection map at the engine's threshold (kept small, so RSS is the runtime's)."""
    from jixiao.extract.ocr import ppocr
    from jixiao.extract.ocr.rapid import RapidOcrEngine

    if kind == "rec":
        if not _CHARSET:
            _CHARSET.extend(RapidOcrEngine(threads=1)._charset)
        return [text for text, _ in ppocr.ctc_decode(output, _CHARSET)]
    if kind == "det":
        return output > ppocr.DbParams().thresh
    return output


def _differences(calls: list[tuple[str, np.ndarray]], ref: list[Any], got: list[Any]) -> str:
    """Recognised lines and detection-map pixels that differ from the reference."""
    lines = changed = pixels = 0
    for (kind, _), a, b in zip(calls, ref, got, strict=True):
        if kind == "rec":
            lines += len(a)
            changed += sum(x != y for x, y in zip(a, b, strict=True))
        elif kind == "det":
            pixels += int((a != b).sum())
    return f"{changed}/{lines} lines read differently, {pixels} detection pixels flipped"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scans", nargs="*", type=Path)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]), Path(args.child[2]))
        return
    scans = args.scans or [SAMPLES / name for name in DEFAULT_SCANS]
    with tempfile.TemporaryDirectory() as tmp:
        calls_file = Path(tmp) / "calls.pkl"
        capture(scans, calls_file)
        calls = pickle.loads(calls_file.read_bytes())
        print(f"{len(calls)} model calls captured from {len(scans)} scan(s)")
        ref: list[Any] | None = None
        for runtime in RUNTIMES:
            out_file = Path(tmp) / f"{runtime}.pkl"
            proc = subprocess.run(
                [sys.executable, __file__, "--child", runtime, str(calls_file), str(out_file)],
                capture_output=True,
                text=True,
            )
            if proc.returncode != 0:
                print(f"{runtime:<22} failed: {proc.stderr.strip().splitlines()[-1:]}")
                continue
            result = json.loads(proc.stdout.strip().splitlines()[-1])
            if result.get("skipped"):
                print(f"{runtime:<22} skipped (not installed)")
                continue
            got = pickle.loads(out_file.read_bytes())
            ref = got if ref is None else ref
            per_model = " ".join(f"{k} {v:5.2f}" for k, v in sorted(result["cpu"].items()))
            print(
                f"{runtime:<22} start {result['start']:4.2f}  CPU-s {per_model}"
                f"  total {sum(result['cpu'].values()):5.2f}  RSS +{result['rss_mb']:.0f} MB"
                f"  {_differences(calls, ref, got)}"
            )


if __name__ == "__main__":
    main()
