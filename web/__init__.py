"""tipkb in a browser: a second thin front end over kb/, beside cli/.

It reads the same engines and renders the CLI's own views (cli/views, cli/phrases) as HTML, so a page says
what the command says, in the same words and languages. No legal logic lives here. Starlette, Jinja2 and
uvicorn come with the optional `serve` extra; `tipkb serve` starts it.
"""
