"""The benchmark runs in CI (one quick repetition at regional scale) so that it cannot rot.
No timing is asserted: only that every interaction ran, produced bytes and a JSON of the
documented shape."""

from __future__ import annotations

import json

from dashboard.bench import format_table, run_bench


def test_bench_one_repetition_regional_scale():
    # a small synthetic registry: its naive baseline (every marker in a whole figure) is what
    # takes time at 40,000 venues, and the 40,000-venue bytes are tested in test_venue_points
    result = json.loads(json.dumps(run_bench(scale="region", repeat=1, synthetic=2_000)))
    assert result["scale"] == "region" and result["communes"] == 4446
    names = [r["name"] for r in result["callbacks"]]
    assert len(names) == len(set(names)) >= 10
    for row in result["callbacks"]:
        assert {"name", "median_ms", "bytes", "baseline_median_ms",
                "baseline_bytes"} <= set(row)
        assert row["bytes"] > 0 and row["gzip_bytes"] > 0, row["name"]
        assert row["median_ms"] > 0
        if row["name"].startswith(("map:", "coverage: map")):
            # the naive pattern embeds the GeoJSON: it is always heavier (the coverage tables
            # have no naive twin)
            assert row["baseline_bytes"] > row["bytes"]
    assert result["cold_start_s"] > 0 and result["peak_rss_mb"] > 0
    assert result["geojson"]["commune"]["gzip_bytes"] < result["geojson"]["commune"]["bytes"]
    assert "map: filter change (Patch)" in format_table(result)
    assert "map: filter change with 2,000 venues" in names
    assert "map: whole commune figure, a ratio, 2,000 venues over every commune" in names
