from . import models, tools
from .hooks import post_init_hook
