"""Arbitrary Unicode in every text field of the ZPL label never changes its commands, and
every field's bytes decode back to the text the layout placed."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from printing.fit import ELLIPSIS
from printing.fonts import display_order
from printing.label import layout_label
from printing.label_zpl import label_zpl
from printing.layout import Text
from printing.model import Address
from printing.samples import sample_label
from printing.zpl import ZplBuilder, unescape_field
from tests.integration.printing.decode import zpl_commands, zpl_fields

text = st.text(max_size=40)

addresses = st.builds(
    Address, name=text, address_lines=st.lists(text, max_size=3).map(tuple), postcode=text,
    city=text, country=text, company=text, phone=text,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ship_from=addresses, ship_to=addresses, carrier=text, service=text, order=text,
       reference=text)
def test_any_text_in_any_field_keeps_the_command_list_and_decodes_back(
    ship_from, ship_to, carrier, service, order, reference
) -> None:
    label = sample_label(ship_from=ship_from, ship_to=ship_to, carrier=carrier, service=service,
                         order_number=order, reference=reference)
    builder = ZplBuilder(812, 1218, 203)
    zpl = label_zpl(label, builder=builder)

    assert label_zpl(label) == zpl  # the template path writes the builder's bytes
    assert zpl_commands(zpl) == builder.commands
    fields = zpl_fields(zpl)
    for raw in fields:
        assert not any(b in raw for b in b"^~") and all(b >= 32 for b in raw), raw

    placed = [e for e in layout_label(label, 203 / 25.4, 1.0, 2.0).elements
              if isinstance(e, Text) and e.text]
    text_fields = [unescape_field(f) for f in zpl_fields(zpl, barcodes=False)]
    assert len(zpl_fields(zpl, barcodes=True)) == 2
    # one field per placed line, or one per run where a fallback face draws part of it; a
    # right-to-left line in display order (printing.fonts)
    assert len(text_fields) >= len(placed)
    assert "".join(text_fields) == "".join(display_order(t.text) for t in placed)

    originals = {"carrier": carrier, "service": service, "order_number": order,
                 "reference": reference}
    for prefix, address in (("ship_from", ship_from), ("ship_to", ship_to)):
        originals |= {f"{prefix}.name": address.name, f"{prefix}.company": address.company,
                      f"{prefix}.country": address.country}
        originals |= {f"{prefix}.address_lines[{i}]": line
                      for i, line in enumerate(address.address_lines)}
    for field, original in originals.items():
        lines = [t.text for t in placed if t.field == field]
        if not lines or lines[-1].endswith(ELLIPSIS):
            continue  # cut to fit, or dropped for lack of room
        assert "".join(lines).replace(" ", "") == original.replace(" ", ""), field
