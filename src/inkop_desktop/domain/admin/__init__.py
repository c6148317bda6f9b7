"""Administration: organisations, people, roles and the delegationsordning."""
