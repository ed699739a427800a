// The lesson language.
