"""Jäv och sekretess: rosters, declarations, assessments, gating and documents."""
