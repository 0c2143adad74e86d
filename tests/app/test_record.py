"""The record of issue 17: each statement the audit found wrong or unsupported,
as the pages render it now (the trips' facts live here and in test_pages.py; the
generic tests run on every trip's own data)."""

from __future__ import annotations

import re

import pytest

from tests.app.conftest import open_app, page_text
from trip.loading import load_trip
from trip.pack import pack_html
from trip.paths import TRIPS_DIR


def handout(trip_id: str, lang: str) -> str:
    """The pack's printable hand-out as plain text."""
    document = pack_html(load_trip(TRIPS_DIR / trip_id), lang)
    part = document[document.index('<article class="handout">') :]
    part = part[: part.index("</article>")]
    part = re.sub(r"<svg.*?</svg>", " ", part, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", part)
    return " ".join(text.replace("&#34;", '"').replace("&#39;", "'").split())


def test_taiwan_was_announced_on_17_september_not_unannounced():
    text = page_text(open_app(stop="hsinchu", lang="en"))
    assert "Not in the press release of 8 Sep 2023; announced on 17 Sep 2023" in text
    assert "visits South Korea and Taiwan until 21 September" in text
    assert "Not announced" not in text


def test_2017_the_eleven_firms_exhibit_at_the_fair_they_do_not_travel():
    text = page_text(open_app("itinerary", trip="2017-japan", lang="en"))
    assert "Nanotech trade fair, where eleven Saxon companies exhibit" in text
    assert "with eleven Saxon companies" not in text


def test_ulsan_times_are_announced_and_the_order_follows_the_report():
    text = page_text(open_app(stop="ulsan", lang="en"))
    assert "14:00 local time, time as announced" in text
    assert "Morning:" not in text
    hyundai = text.index("Hyundai Motor, Ulsan plant")
    city_hall = text.index("Meeting with Economic Deputy Mayor Ahn Hyo-dae")
    after = text.index("After the City Hall meeting: Approtium plant")
    assert hyundai < city_hall < after
    assert "News1's preview of the same day has it after the meeting" in text


def test_seoul_memorandum_keeps_every_version_and_infers_one_event():
    text = page_text(open_app(stop="seoul", lang="en"))
    for version in (
        "closer cooperation in industrial technology and innovation research (WFS)",
        "German-Korean centre for technology cooperation at Fraunhofer IKTS in "
        "Dresden (Fraunhofer IKTS)",
        "Korean-German supply-chain technology cooperation centre in Saxony "
        "(ZDNet Korea)",
        "nothing concrete has been signed yet",
    ):
        assert version in text
    assert "Inferred: That the forum the WFS reports and the event at Seoul" in text


def test_tokyo_embassy_rests_on_an_undated_page_and_an_envoy():
    text = page_text(open_app(stop="tokyo", lang="en"))
    assert "The SMWA's programme page carries no date" in text
    assert "received in Tokyo “by an envoy”" in text


def test_the_statistics_office_is_context_for_provisional_not_the_figure():
    trip = load_trip()
    for figure in trip.trade:
        assert "statistik-sachsen-2023" not in figure.source_ids
    text = page_text(open_app("sources", lang="en"))
    assert "Classed as provisional (context, not the value's source): Japan" in text
    overview = page_text(open_app(lang="en"))
    assert "provisional (inferred)" in overview
    assert "That the 2022 values were provisional when published is inferred" in (
        overview
    )


def test_dpa_s_misprint_is_noted_where_dpa_is_cited():
    text = page_text(open_app("sources", lang="de"))
    assert "»1,16 Millionen Euro« – ein Druckfehler" in text


def test_2017_day_four_is_the_15th_or_16th_with_its_year_from_the_smwa():
    trip = load_trip(TRIPS_DIR / "2017-japan")
    visits = next(i for i in trip.program if i.item_id == "day-four-visits")
    assert (visits.date_start.day, visits.date_end.day) == (15, 16)
    text = page_text(open_app("itinerary", trip="2017-japan", lang="en"))
    assert "Counted from the departure on 12 Feb the fourth day is 15 Feb" in text


def test_2016_figures_are_not_marked_final_or_record():
    for trip_id in ("2017-japan", "2023-japan-korea"):
        for figure in load_trip(TRIPS_DIR / trip_id).trade:
            if figure.year < 2022:
                assert figure.provisional is None
                assert figure.record is None


def test_the_start_date_conflict_is_shown():
    text = page_text(open_app(lang="en"))
    assert "“09.09.2023 – Anreise” (arrival; SMWA programme page)" in text
    assert "“started on 11 September” (SMWA, 17 Sep 2023)" in text


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "de",
            (
                "Martin Dulig, sächsischer Wirtschaftsminister und "
                "Vize-Ministerpräsident",
                "Vertreter von Unternehmen, Forschungseinrichtungen, Kommunen, der "
                "Wirtschaftsförderung Sachsen GmbH (WFS) und der Landespolitik",
                "Neue Absatzmärkte erschließen",
                "strategische Sicherung von Lieferketten",
                "Zusammenarbeit mit der Regierungsagentur TIPA vertiefen",
                "Kooperationsforum »Future Automotive«",
                "Fortsetzung eines Online-Workshops",
                "Infineon und TSMC",
                "Die WFS organisiert die Reise",
            ),
        ),
        (
            "en",
            (
                "Martin Dulig, Saxony's Minister for Economic Affairs and Deputy "
                "Minister-President",
                "representatives of companies, research institutions, municipalities",
                "Opening up new markets",
                "securing supply chains strategically",
                "Deepen cooperation with the government agency TIPA",
                "cooperation forum “Future Automotive”",
                "A follow-up to an online workshop",
                "Infineon and TSMC",
                "WFS organises the trip",
            ),
        ),
    ],
)
def test_the_hand_out_holds_the_whole_press_release(lang, words):
    text = handout("2023-japan-korea", lang)
    for word in words:
        assert word in text, word


def test_the_2017_hand_out_reads_right_about_the_fair():
    text = handout("2017-japan", "de")
    assert "Besuch der Messe Nanotech, auf der elf sächsische Firmen ausstellen" in text
    assert "mit elf sächsischen Firmen" not in text


def test_2015_the_dmz_visit_is_reported():
    text = page_text(open_app("itinerary", trip="2015-korea", lang="en"))
    assert "Visit to the Demilitarised Zone" in text
    assert "the trip's Saturday is 16 May 2015" in text


def test_2017_nagano_keiki_is_reported_in_tokyo():
    trip = load_trip(TRIPS_DIR / "2017-japan")
    visit = next(i for i in trip.program if i.item_id == "nagano-keiki")
    assert (visit.status, visit.stop_id) == ("reported", "tokyo")


def test_overview_says_who_travels_and_why():
    text = page_text(open_app(lang="de")).replace("**", "")
    assert "Wer reist: Martin Dulig" in text
    assert "Politischer Austausch: Vor allem die strategische Sicherung" in text
