from . import reconcile
