"""Carrier, zone and rate files for the shipping tests, written as a supervisor would."""
from __future__ import annotations

from pathlib import Path

from app.cli.main import main

CARRIERS = """carrier,carrier_name,dim_divisor,s10_service_indicator,s10_country,service,service_name,level,transit_days,cutoff
POST,Packdesk Post,5000,RR,DE,standard,Standard,standard,3,12:00
POST,Packdesk Post,5000,RR,DE,express,Express,express,1,12:00
FAST,Fast Freight,4000,EE,GB,express,Express,express,1,18:00
"""
ZONES = """carrier,zone,country,postcode_prefix
POST,DE,DE,
POST,UK,GB,
FAST,UK,GB,
FAST,LONDON,GB,SW
"""
RATES = """carrier,service,zone,max_weight_g,price,currency
POST,standard,DE,5000,4.90,EUR
POST,standard,UK,2000,9.00,EUR
POST,standard,UK,10000,14.00,EUR
POST,express,UK,2000,19.00,EUR
POST,express,UK,10000,24.00,EUR
FAST,express,UK,10000,21.00,EUR
FAST,express,LONDON,2000,16.50,EUR
FAST,express,LONDON,10000,18.50,EUR
"""


def import_rate_tables(url: str, folder: Path) -> None:
    """Imports the three files through the command line, as in the docs."""
    for kind, text in (("carriers", CARRIERS), ("zones", ZONES), ("rates", RATES)):
        path = folder / f"{kind}.csv"
        path.write_text(text, encoding="utf-8")
        assert main(["--database", url, "import", kind, str(path)]) == 0
