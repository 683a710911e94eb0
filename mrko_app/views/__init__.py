"""View modules: turn service records into what pages show (display strings, lean Plotly figures)."""
