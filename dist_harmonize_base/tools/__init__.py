from . import guard, normalize, sql
