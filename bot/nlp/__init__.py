"""Language utilities shared by the corpus and the answers: sentence splitting and statement labels."""
