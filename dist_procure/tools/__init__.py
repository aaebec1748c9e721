from . import match, tolerance
