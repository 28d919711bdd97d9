"""render_many on a Dask ``distributed`` cluster, through the client's concurrent.futures executor."""

from __future__ import annotations

from distributed import Client, LocalCluster
from helpers import sample_data

from kzdocs import render_many


def items(count: int) -> list[tuple[str, dict[str, object]]]:
    base = sample_data("aid-assignment")
    out: list[tuple[str, dict[str, object]]] = []
    for i in range(count):
        data = {**base, "number": f"D-{i}"}
        if i == 3:
            data["monthly_amount"] = "0.001"
        out.append(("aid-assignment", data))
    return out


def test_render_many_on_a_local_dask_cluster() -> None:
    local = list(render_many(items(6), formats=("pdf", "docx")))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        remote = list(render_many(items(6), executor=client.get_executor(), formats=("pdf", "docx"), window=3))
    assert [r.index for r in remote] == list(range(6))
    assert [r.ok for r in remote] == [True, True, True, False, True, True]
    assert remote[3].errors[0]["loc"] == ["monthly_amount"]
    assert [r.outputs for r in remote] == [r.outputs for r in local]
