"""Upphandlingsplan: status workflow and the validated plan input."""
