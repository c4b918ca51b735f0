use std::fmt;
use std::str::FromStr;

/// The number of a step as people cite it: `12` on the overview, `15.3` for step 3 of the
/// sub-process opened from step 15.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StepNr {
    /// The overview step that opens the sub-process, for a sub-process step.
    pub parent: Option<u32>,
    /// The number within its map.
    pub local: u32,
}

impl StepNr {
    /// A step on the overview.
    pub fn top(nr: u32) -> StepNr {
        StepNr {
            parent: None,
            local: nr,
        }
    }

    /// The same local number on a map with the given parent.
    pub fn on(parent: Option<u32>, local: u32) -> StepNr {
        StepNr { parent, local }
    }

    /// The form used in file names and URLs: `12`, `15.3`.
    pub fn slug(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for StepNr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.parent {
            Some(p) => write!(f, "{p}.{}", self.local),
            None => write!(f, "{}", self.local),
        }
    }
}

impl FromStr for StepNr {
    type Err = ();
    fn from_str(s: &str) -> Result<StepNr, ()> {
        let num = |t: &str| -> Result<u32, ()> {
            if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) || t.len() > 9 {
                return Err(());
            }
            match t.parse::<u32>() {
                Ok(0) | Err(_) => Err(()),
                Ok(n) => Ok(n),
            }
        };
        match s.split_once('.') {
            Some((p, l)) => Ok(StepNr::on(Some(num(p)?), num(l)?)),
            None => Ok(StepNr::top(num(s)?)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        assert_eq!("15.3".parse::<StepNr>(), Ok(StepNr::on(Some(15), 3)));
        assert_eq!("12".parse::<StepNr>().unwrap().to_string(), "12");
        assert!("0".parse::<StepNr>().is_err());
        assert!("1.2.3".parse::<StepNr>().is_err());
        assert!("x".parse::<StepNr>().is_err());
        assert!(StepNr::top(9) < StepNr::top(10));
    }
}
