"""Upphandlingsplan: the plan item editor, behovsanmälan, coordination and the timeline."""
