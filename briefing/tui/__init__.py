"""The Textual dashboard. Imported only when the TUI runs: print and check never load Textual."""
