// Package gen generates realistic, deterministic 12345 tickets for demos,
// tests and benchmarks, together with the ground truth they were built from.
//
// A ticket is written from one of the issue types in data/issues.txt (173
// types over the 18 major categories, each with several subjects and problem
// phrasings), wrapped in hotline boilerplate, placed in a generated gazetteer
// of districts, streets, communities and roads, and sprinkled with the
// personal data real tickets carry (phone, ID card and plate numbers, names).
// Issue types follow a Zipf law; volume has a weekly and seasonal rhythm;
// some types are planted as surges (new, jump) or as falling after action
// (drop); some events are reported several times through several channels,
// and some callers call again about the same issue, always within the
// period generated. Departments differ in speed, in how often they return or
// pass on tickets, and in satisfaction.
//
// A share of tickets (Config.Messy) is written as citizens write on message
// boards and in letters (letter.go): salutations and boilerplate (尊敬的领导,
// 您好, 反映, 希望, 谢谢) shared by every issue type, districts anonymised as
// A3区 or named, one-line subjects, bodies padded with tabs and newlines,
// and long narratives that may raise a second matter of another type after
// the main one. The truth keeps the main type.
//
// The same Config always gives the same tickets, byte for byte. The package
// deliberately leaves out anything the loader does: it writes files, it does
// not touch a database.
package gen
