"""Jäv och sekretess: interests, declarations, access, cross-checks and gating."""
