from . import allocation
