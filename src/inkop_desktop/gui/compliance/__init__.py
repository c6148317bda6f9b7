"""Avtalstrohet: the reskontra import and the shares on contract."""
