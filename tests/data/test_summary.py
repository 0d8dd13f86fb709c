"""The reader's summary of the data package (Appendix C)."""
import pandas as pd

from analysis.data import context
from analysis.data import summary as package_summary
from analysis.data.package import DataPackage


def test_the_resources_table_has_one_row_per_file_with_its_row_count(data_copy):
    t = package_summary.resources_table()
    facts = t.set_index("File").loc["facts.csv"]
    assert facts["Rows"] == len(pd.read_csv(data_copy / "facts.csv"))
    assert "geo/liangshan_counties.geojson" in set(t["File"])
    # sources by id (listed in full by sources_markdown), or by title where they have none
    sources = t.set_index("File")["Sources"]
    assert sources["context/counties.csv"] == "S03"
    assert sources["context/sources.csv"].startswith("S01; S03; S03b; ")
    assert sources["facts.csv"].startswith("Peng Qinghua")


def test_every_source_is_listed_with_its_address_and_the_date_it_was_read(data_copy):
    text = package_summary.sources_markdown()
    items = text.splitlines()
    table = context.sources()
    assert len(items) == len(table) and all(i.startswith("- **S") for i in items)
    first = table.iloc[0]
    assert f"<{first['url']}>" in items[0]
    assert f"(read {pd.Timestamp(first['date_accessed']):%Y-%m-%d})" in items[0]
    assert "00:00:00" not in text and "\\_" in text  # dates as dates; file names escaped


def test_a_missing_note_drops_only_the_use_clause(data_copy):
    path = data_copy / "context" / "sources.csv"
    table = pd.read_csv(path, dtype=str)
    table.loc[0, "note"] = None
    table.to_csv(path, index=False)
    DataPackage.at(data_copy).update_hashes()
    first = package_summary.sources_markdown().splitlines()[0]
    assert "Use:" not in first and "Weight:" in first
