from . import account_move_release, account_payment_register
