"""Pure model, loading, validation, formatting and trip logic: no Streamlit here."""
