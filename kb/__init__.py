"""tipkb's library: the knowledge base models, loading, time, and the engines. No CLI, no rich."""
