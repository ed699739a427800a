print("llmwb")
