"""Serial scales over real pseudo-terminals, against a fake scale answering like the real one."""
from __future__ import annotations

import threading
import time
from typing import Iterator

import pytest

from app.ports import DeviceState, Scale
from devices.errors import ScaleError, ScaleFailure
from devices.scale import ScaleSettings, SerialScale
from devices.scale_protocols import protocol_named
from tests.integration.devices.fakes import FakeScale, PtyDevice, ScaleState

ALL = ["mt-sics", "toledo-8213", "sma", "toledo-continuous", "generic-stream"]
# Resolution of each fake: 8213 in lb with two decimals, continuous output in tens of grams.
RESOLUTION = {"mt-sics": 1, "toledo-8213": 3, "sma": 1, "toledo-continuous": 10, "generic-stream": 1}


@pytest.fixture(params=ALL)
def rig(request, pty_device: PtyDevice) -> Iterator[tuple[SerialScale, FakeScale]]:
    fake = FakeScale(pty_device, request.param, ScaleState(grams=2750))
    scale = SerialScale(ScaleSettings(port=pty_device.path, answer_timeout_s=0.5, poll_interval_s=0.03),
                        protocol_named(request.param))
    yield scale, fake
    scale.close()
    fake.stop()


def test_serial_scale_is_a_scale_port(rig) -> None:
    assert isinstance(rig[0], Scale)


def test_stable_weight_in_grams(rig) -> None:
    scale, fake = rig
    weight = scale.read_stable(timeout=2)
    assert weight.stable
    assert abs(weight.grams - 2750) < RESOLUTION[fake.protocol]


def test_weight_that_settles_is_read_once_stable(rig) -> None:
    scale, fake = rig
    fake.state.stable = False
    threading.Timer(0.3, lambda: setattr(fake.state, "stable", True)).start()
    started = time.monotonic()
    weight = scale.read_stable(timeout=3)
    assert weight.stable and time.monotonic() - started >= 0.25


def test_weight_in_motion_times_out_saying_so(rig) -> None:
    scale, fake = rig
    fake.state.stable = False
    with pytest.raises(ScaleError) as caught:
        scale.read_stable(timeout=0.4)
    assert caught.value.reason is ScaleFailure.IN_MOTION
    assert "within 0.4 s" in str(caught.value) and "ttyPACK" in str(caught.value)


def test_overload_is_reported_as_overload(rig) -> None:
    scale, fake = rig
    fake.state.overload = True
    with pytest.raises(ScaleError) as caught:
        scale.read_stable(timeout=0.4)
    assert caught.value.reason is ScaleFailure.OVERLOAD


def test_silent_scale_is_no_answer(rig) -> None:
    scale, fake = rig
    fake.state.silent = True
    with pytest.raises(ScaleError) as caught:
        scale.read_stable(timeout=0.6)
    assert caught.value.reason is ScaleFailure.NO_ANSWER


def test_read_now_reports_an_unstable_weight(rig) -> None:
    scale, fake = rig
    fake.state.stable = False
    if fake.protocol == "toledo-8213":
        # 8213 answers only stable weights; in motion comes back as a status, not a weight.
        with pytest.raises(ScaleError) as caught:
            scale.read_now()
        assert caught.value.reason is ScaleFailure.IN_MOTION
        return
    weight = scale.read_now()
    assert not weight.stable and abs(weight.grams - 2750) < RESOLUTION[fake.protocol]


@pytest.mark.parametrize("protocol", ["mt-sics", "sma", "toledo-8213"])
def test_zero_sends_the_protocols_command(pty_device: PtyDevice, protocol: str) -> None:
    fake = FakeScale(pty_device, protocol, ScaleState(grams=12))
    with SerialScale(ScaleSettings(port=pty_device.path), protocol_named(protocol)) as scale:
        scale.zero()
        assert fake.state.grams == 0
        assert scale.read_stable(1).grams == 0
    fake.stop()
    assert b"Z" in fake.state.requests


@pytest.mark.parametrize("protocol", ["mt-sics", "sma"])
def test_tare_takes_the_box_off(pty_device: PtyDevice, protocol: str) -> None:
    fake = FakeScale(pty_device, protocol, ScaleState(grams=310))
    with SerialScale(ScaleSettings(port=pty_device.path), protocol_named(protocol)) as scale:
        scale.tare()
        assert fake.state.tare_grams == 310
    fake.stop()


def test_zero_in_motion_is_refused(pty_device: PtyDevice) -> None:
    fake = FakeScale(pty_device, "mt-sics", ScaleState(grams=12, stable=False))
    with SerialScale(ScaleSettings(port=pty_device.path), protocol_named("mt-sics")) as scale:
        with pytest.raises(ScaleError) as caught:
            scale.zero()
    fake.stop()
    assert caught.value.reason is ScaleFailure.IN_MOTION


def test_streaming_scale_cannot_be_tared_from_the_station(pty_device: PtyDevice) -> None:
    fake = FakeScale(pty_device, "toledo-continuous")
    with SerialScale(ScaleSettings(port=pty_device.path), protocol_named("toledo-continuous")) as scale:
        with pytest.raises(ScaleError) as caught:
            scale.tare()
    fake.stop()
    assert caught.value.reason is ScaleFailure.NOT_SUPPORTED and "scale's own key" in str(caught.value)


@pytest.mark.parametrize("protocol", ["mt-sics", "toledo-continuous"])
def test_unplugged_scale_says_disconnected_then_reconnects(pty_device: PtyDevice, protocol: str) -> None:
    fake = FakeScale(pty_device, protocol, ScaleState(grams=1500))
    statuses = []
    scale = SerialScale(ScaleSettings(port=pty_device.path, answer_timeout_s=0.5), protocol_named(protocol))
    scale.set_status_callback(statuses.append)
    with scale:
        assert abs(scale.read_stable(2).grams - 1500) < 10
        pty_device.unplug()
        with pytest.raises(ScaleError) as caught:
            scale.read_stable(1)
        assert caught.value.reason is ScaleFailure.DISCONNECTED
        assert statuses[-1].state is DeviceState.DISCONNECTED
        with pytest.raises(ScaleError) as still:
            scale.read_now()
        assert still.value.reason is ScaleFailure.DISCONNECTED
        pty_device.plug()
        fake.state.grams = 2200
        assert abs(scale.read_stable(2).grams - 2200) < 10
        assert statuses[-1].state is DeviceState.CONNECTED
    fake.stop()
