"""A stand-in for PyTorch, for testing the probe's plumbing and arithmetic without a GPU.

Every CUDA-event interval lasts EVENT_MS, so each figure the probe reports can be checked against a hand formula.
Nothing here computes; it only records what the probe asked for.
"""

__version__ = "0.0-fake"
EVENT_MS = 2.0

uint8 = "uint8"
bfloat16 = "bfloat16"
float32 = "float32"
float8_e4m3fn = "float8_e4m3fn"


class _Version:
    cuda = "12.8"


version = _Version()


class device:
    def __init__(self, spec):
        self.type, _, index = str(spec).partition(":")
        self.index = int(index) if index else 0


class _Tensor:
    def __init__(self, *shape):
        self.shape = shape

    def random_(self, *args):
        return self

    def copy_(self, other):
        return self

    def to(self, dtype):
        return self

    def t(self):
        return _Tensor(*reversed(self.shape))


def empty(n, dtype=None, device=None):
    return _Tensor(n)


def empty_like(t):
    return _Tensor(*t.shape)


def randn(*shape, dtype=None, device=None):
    return _Tensor(*shape)


def ones(shape, dtype=None, device=None):
    return _Tensor()


def matmul(a, b):
    return _Tensor(a.shape[0], b.shape[1])


def _scaled_mm(a, b, scale_a=None, scale_b=None, out_dtype=None):
    return _Tensor(a.shape[0], b.shape[1])


class _Props:
    name = "NVIDIA H100 80GB HBM3"
    total_memory = 81559 * 2**20
    major, minor = 9, 0


class _Event:
    _clock = 0.0

    def __init__(self, enable_timing=False):
        self.at = None

    def record(self):
        _Event._clock += EVENT_MS / 2
        self.at = _Event._clock

    def elapsed_time(self, end):
        return EVENT_MS


class _Cuda:
    Event = _Event

    class OutOfMemoryError(RuntimeError):
        pass

    @staticmethod
    def is_available():
        return True

    @staticmethod
    def get_device_properties(index):
        return _Props()

    @staticmethod
    def get_device_capability(dev=None):
        return (_Props.major, _Props.minor)

    @staticmethod
    def device_count():
        return 1

    @staticmethod
    def synchronize():
        pass

    @staticmethod
    def empty_cache():
        pass


cuda = _Cuda()
