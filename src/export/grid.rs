//! The tables of the text outputs: columns with a title and an alignment, rows of cells, drawn
//! either as aligned columns for a terminal ([`Grid::to_text`]) or as a Markdown pipe table
//! ([`Grid::to_markdown`]). Drawing makes every cell safe for its medium, so a layout passes
//! user text as it is.

use crate::format::{clean, escape_markdown};

/// How the cells of a column line up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Text: padded on the right.
    Left,
    /// Figures: padded on the left (in Markdown, a right-aligned column).
    Right,
}

/// One cell: text, optionally led by a part Markdown shows in bold (an action's id before its
/// title).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    strong: Option<String>,
    text: String,
}

impl Cell {
    /// A cell whose first part is bold in Markdown; in plain text the parts are joined by a
    /// space.
    pub fn strong(lead: &str, text: &str) -> Cell {
        Cell {
            strong: Some(lead.to_string()),
            text: text.to_string(),
        }
    }

    /// The cell as plain text, cleaned.
    fn plain(&self) -> String {
        match &self.strong {
            Some(lead) => clean(&format!("{lead} {}", self.text)),
            None => clean(&self.text),
        }
    }

    /// The cell as Markdown, escaped.
    fn markdown(&self) -> String {
        match &self.strong {
            Some(lead) => format!(
                "**{}** {}",
                escape_markdown(lead),
                escape_markdown(&self.text)
            ),
            None => escape_markdown(&self.text),
        }
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell { strong: None, text }
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::from(text.to_string())
    }
}

/// A table: its columns, then its rows in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    titles: Vec<&'static str>,
    aligns: Vec<Align>,
    rows: Vec<Vec<Cell>>,
}

impl Grid {
    /// A table with these columns (title and alignment) and no rows yet.
    pub fn new(columns: &[(&'static str, Align)]) -> Grid {
        Grid {
            titles: columns.iter().map(|(t, _)| *t).collect(),
            aligns: columns.iter().map(|(_, a)| *a).collect(),
            rows: Vec::new(),
        }
    }

    /// A table whose columns are all left-aligned.
    pub fn left(titles: &[&'static str]) -> Grid {
        let columns: Vec<(&'static str, Align)> =
            titles.iter().map(|t| (*t, Align::Left)).collect();
        Grid::new(&columns)
    }

    /// Add a row; a row shorter than the columns leaves the last cells empty, and cells beyond
    /// the columns are not drawn.
    pub fn push(&mut self, cells: Vec<Cell>) {
        self.rows.push(cells);
    }

    /// The table as aligned text: the titles, then one line per row, each prefixed by
    /// `indent`, cells two spaces apart, lines trimmed at the end. Widths are counted in
    /// characters.
    pub fn to_text(&self, indent: &str) -> String {
        let titles: Vec<String> = self.titles.iter().map(|t| t.to_string()).collect();
        let rows: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|row| row.iter().map(Cell::plain).collect())
            .collect();
        let mut widths: Vec<usize> = titles.iter().map(|t| t.chars().count()).collect();
        for row in &rows {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.chars().count());
            }
        }
        let mut out = String::new();
        for row in std::iter::once(&titles).chain(&rows) {
            let mut line = String::from(indent);
            for (i, ((cell, align), width)) in row.iter().zip(&self.aligns).zip(&widths).enumerate()
            {
                if i > 0 {
                    line.push_str("  ");
                }
                let pad = " ".repeat(width.saturating_sub(cell.chars().count()));
                match align {
                    Align::Left => {
                        line.push_str(cell);
                        line.push_str(&pad);
                    }
                    Align::Right => {
                        line.push_str(&pad);
                        line.push_str(cell);
                    }
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    /// The table in Markdown: a title row, the alignment row (`---` or `---:`), then one row
    /// per line, every cell escaped. Titles are the layout's own words and written as they are.
    pub fn to_markdown(&self) -> String {
        let line = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
        let mut out = line(self.titles.iter().map(|t| t.to_string()).collect());
        out.push('|');
        for align in &self.aligns {
            out.push_str(match align {
                Align::Left => "---|",
                Align::Right => "---:|",
            });
        }
        out.push('\n');
        for row in &self.rows {
            let cells = row.iter().take(self.titles.len()).map(Cell::markdown);
            out.push_str(&line(cells.collect()));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Grid {
        let mut grid = Grid::new(&[("Name", Align::Left), ("n", Align::Right)]);
        grid.push(vec!["Service desk".into(), "12".into()]);
        grid.push(vec!["A|b \u{202E}x".into(), "3".into()]);
        grid.push(vec![Cell::strong("SD-A1", "*Open*"), "100".into()]);
        grid
    }

    #[test]
    fn text_columns_are_padded_to_the_widest_cell_and_figures_right_aligned() {
        // Widths: "Service desk" and "SD-A1 *Open*" have 12 characters, "100" 3.
        assert_eq!(
            sample().to_text("  "),
            "  Name            n\n  Service desk   12\n  A|b  x          3\n  SD-A1 *Open*  100\n"
        );
    }

    #[test]
    fn markdown_rows_escape_every_cell_and_keep_the_bold_lead() {
        assert_eq!(
            sample().to_markdown(),
            "| Name | n |\n|---|---:|\n| Service desk | 12 |\n| A\\|b  x | 3 |\n| **SD-A1** \\*Open\\* | 100 |\n"
        );
    }
}
