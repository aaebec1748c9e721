from . import guard, normalize
