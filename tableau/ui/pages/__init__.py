"""Content of each page (title, notices, body); the page frame is app.py."""
