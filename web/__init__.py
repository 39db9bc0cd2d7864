"""The review web application."""
