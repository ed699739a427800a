// The GPT-2 tokenizer module.
