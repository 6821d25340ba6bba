//! How far a verification has got, for a face that shows it on a large file: the bytes the
//! engine has hashed and parsed, against what it plans to. The plan is [`PASSES`] passes over
//! the file, as an envelope takes them: its own SHA-256, the parse of its messages, the digest
//! of each message's original, those of the original's attachments, and the digest each
//! signature covers. A file that takes fewer (a receipt with no attachment) ends sooner; one
//! that takes more (a signed file, a zip) waits at the end of the plan until it is done.

use sha2::Digest;
use sha2::digest::Output;

/// How many times the engine goes over a file's bytes, as the plan counts them.
pub const PASSES: u64 = 5;

/// How many hundredths of the plan a face is told at once, at most: a face hears a file's
/// progress about a hundred times, whatever its size.
const STEPS: u64 = 100;

/// The bytes hashed or parsed so far (`done`), of the bytes the plan counts (`planned`).
/// `done` never exceeds `planned`, never goes back, and equals it once the report is made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub done: u64,
    pub planned: u64,
}

/// The bytes hashed between two counts: a quarter of a megabyte, a few hundred microseconds
/// of work.
const SLICE: usize = 1 << 18;

/// A verification's count of bytes hashed and parsed, telling the face at each hundredth of
/// the plan.
pub struct Meter<'t> {
    tell: Option<&'t mut dyn FnMut(Progress)>,
    done: u64,
    planned: u64,
    told: u64,
}

impl<'t> Meter<'t> {
    /// A meter for a file of `size` bytes, telling `tell`.
    pub fn new(size: usize, tell: &'t mut dyn FnMut(Progress)) -> Self {
        Self {
            tell: Some(tell),
            planned: (size as u64).saturating_mul(PASSES),
            ..Self::silent()
        }
    }

    /// A meter that tells no one.
    pub fn silent() -> Self {
        Self {
            tell: None,
            done: 0,
            planned: 0,
            told: 0,
        }
    }

    /// `bytes` more hashed or parsed.
    pub fn advance(&mut self, bytes: usize) {
        self.done = self.done.saturating_add(bytes as u64).min(self.planned);
        if self.done - self.told >= self.planned.div_ceil(STEPS) {
            self.tell();
        }
    }

    /// The work is done, whatever the plan counted: the face is told the whole plan.
    pub fn finish(&mut self) {
        self.done = self.planned;
        self.tell();
    }

    /// The digest `D` of `data`, a slice at a time, each counted.
    pub fn digest<D: Digest>(&mut self, data: &[u8]) -> Output<D> {
        let mut hasher = D::new();
        for slice in data.chunks(SLICE) {
            hasher.update(slice);
            self.advance(slice.len());
        }
        hasher.finalize()
    }

    fn tell(&mut self) {
        if let Some(tell) = self.tell.as_mut() {
            tell(Progress {
                done: self.done,
                planned: self.planned,
            });
        }
        self.told = self.done;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::Sha256;

    #[test]
    fn a_digest_told_slice_by_slice_is_the_digest_of_the_whole() {
        let data: Vec<u8> = (0..3_000_000u32).map(|i| (i % 251) as u8).collect();
        let mut heard = Vec::new();
        let mut tell = |progress: Progress| heard.push(progress);
        let mut meter = Meter::new(data.len(), &mut tell);
        assert_eq!(meter.digest::<Sha256>(&data), Sha256::digest(&data));
        meter.finish();
        let planned = data.len() as u64 * PASSES;
        assert!(heard.iter().all(|p| p.planned == planned));
        // Each slice is more than a hundredth of the plan: each is told, and the last part
        // slice, less than a hundredth, is told with the end.
        let slices = (1..=data.len() as u64 / SLICE as u64).map(|k| k * SLICE as u64);
        let expected: Vec<u64> = slices.chain([planned]).collect();
        assert_eq!(heard.iter().map(|p| p.done).collect::<Vec<_>>(), expected);
    }

    #[test]
    fn the_plan_is_never_exceeded_and_a_face_is_told_about_a_hundred_times() {
        let mut heard = Vec::new();
        let mut tell = |progress: Progress| heard.push(progress.done);
        let mut meter = Meter::new(1_000, &mut tell);
        for _ in 0..10_000 {
            meter.advance(1);
        }
        meter.finish();
        assert_eq!(heard.len(), 101, "{heard:?}");
        assert!(heard.windows(2).all(|w| w[0] < w[1] || w[1] == 5_000));
        assert_eq!(heard.last(), Some(&5_000));
    }

    #[test]
    fn an_empty_file_is_told_done_once() {
        let mut heard = Vec::new();
        let mut tell = |progress: Progress| heard.push(progress);
        let mut meter = Meter::new(0, &mut tell);
        meter.advance(10);
        meter.finish();
        // An empty plan: every advance is a whole step, and nothing is counted beyond it.
        assert!(heard.iter().all(|p| *p
            == Progress {
                done: 0,
                planned: 0
            }));
    }
}
