//===- model/FactsNode.cpp - Fast scanner for writeFacts's layout ---------===//
//
// Accepts a strict subset of YAML, the one writeFacts emits, and builds
// exactly the tree yaml-cpp builds for it. Whatever is outside the subset,
// or could be read two ways (comments, document markers, nulls, `: ` or
// ` #` inside plain scalars, characters YAML folds or strips, invalid
// UTF-8, multi-line scalars), makes it return false: the caller then asks
// yaml-cpp, so the subset only decides speed, never meaning.
//
//===----------------------------------------------------------------------===//
#include "model/FactsNode.h"

#include "llvm/Support/ConvertUTF.h"

namespace conc {

void yamlMappingKeys(const FactsNode &Map, llvm::SmallVectorImpl<YamlKey> &Keys) {
  for (const auto &KV : Map.pairs())
    Keys.push_back({KV.first.Scalar(), KV.first.IsScalar(), YamlChecker::lineOf(KV.first)});
}

FactsNode FactsNode::scalar(std::string Value, llvm::StringRef Tag, int Line) {
  FactsNode N;
  N.K = Kind::Scalar;
  N.Value = std::move(Value);
  N.TagName = Tag.str();
  N.Line = Line;
  return N;
}

const FactsNode &FactsNode::operator[](llvm::StringRef Key) const {
  static const FactsNode Undefined;
  for (const auto &KV : Entries)
    if (KV.first.K == Kind::Scalar && KV.first.Value == Key)
      return KV.second;
  return Undefined;
}

namespace {

const char BinaryTag[] = "tag:yaml.org,2002:binary";

/// Scans one line of the subset; every method returns false to give up.
class LineScanner {
public:
  LineScanner(llvm::StringRef Line, int Number) : S(Line), Number(Number) {}

  bool atEnd() const { return Pos == S.size(); }
  llvm::StringRef rest() const { return S.substr(Pos); }
  bool consume(llvm::StringRef Prefix) {
    if (!S.substr(Pos).starts_with(Prefix))
      return false;
    Pos += Prefix.size();
    return true;
  }
  void skipSpaces() {
    while (Pos < S.size() && S[Pos] == ' ')
      ++Pos;
  }

  /// A key: lower-case letters and '-', then ':'.
  bool key(FactsNode &Out) {
    size_t Start = Pos;
    while (Pos < S.size() && ((S[Pos] >= 'a' && S[Pos] <= 'z') || S[Pos] == '-'))
      ++Pos;
    if (Pos == Start || !consume(":"))
      return false;
    Out = FactsNode::scalar(S.slice(Start, Pos - 1).str(), "?", Number);
    return true;
  }

  /// A scalar value; `Flow`: inside {...} or [...], where ',', ']' and '}'
  /// end a plain scalar.
  bool value(bool Flow, FactsNode &Out) {
    std::string Tag;
    if (consume("!!binary ")) {
      Tag = BinaryTag;
      skipSpaces();
    }
    if (Pos >= S.size())
      return false;
    std::string Text;
    if (S[Pos] == '"') {
      if (!doubleQuoted(Text))
        return false;
    } else if (S[Pos] == '\'') {
      if (!singleQuoted(Text))
        return false;
    } else {
      if (!plain(Flow, Text))
        return false;
      Out = FactsNode::scalar(std::move(Text), Tag.empty() ? "?" : Tag, Number);
      return true;
    }
    Out = FactsNode::scalar(std::move(Text), Tag.empty() ? "!" : Tag, Number);
    return true;
  }

private:
  llvm::StringRef S;
  size_t Pos = 0;
  int Number;

  bool plain(bool Flow, std::string &Out) {
    size_t Start = Pos;
    char First = S[Pos];
    // Indicators, and a '-' that is not a number's sign.
    if (llvm::StringRef("?:,[]{}#&*!|>'\"%@`~").contains(First))
      return false;
    if (First == '-' && (Pos + 1 >= S.size() || S[Pos + 1] < '0' || S[Pos + 1] > '9'))
      return false;
    while (Pos < S.size()) {
      char C = S[Pos];
      if (Flow && (C == ',' || C == ']' || C == '}'))
        break;
      if (C == '[' || C == '{' || C == '\t')
        return false;
      if (C == '#' && S[Pos - 1] == ' ')
        return false;
      if (C == ':') {
        char Next = Pos + 1 < S.size() ? S[Pos + 1] : ' ';
        if (Next == ' ' || Next == ',' || Next == ']' || Next == '}')
          return false;
      }
      ++Pos;
    }
    llvm::StringRef Text = S.slice(Start, Pos);
    // Trailing spaces are folded away by YAML; the writer never leaves any.
    if (Text.empty() || Text.back() == ' ')
      return false;
    // yaml-cpp reads these as null, not as strings.
    if (Text == "null" || Text == "Null" || Text == "NULL")
      return false;
    Out = Text.str();
    return true;
  }

  bool singleQuoted(std::string &Out) {
    ++Pos;
    while (Pos < S.size()) {
      char C = S[Pos++];
      if (C != '\'') {
        Out.push_back(C);
        continue;
      }
      if (Pos < S.size() && S[Pos] == '\'') {
        Out.push_back('\'');
        ++Pos;
        continue;
      }
      return true;
    }
    return false; // continues on the next line
  }

  static int hexDigit(char C) {
    if (C >= '0' && C <= '9')
      return C - '0';
    if (C >= 'a' && C <= 'f')
      return C - 'a' + 10;
    if (C >= 'A' && C <= 'F')
      return C - 'A' + 10;
    return -1;
  }

  bool doubleQuoted(std::string &Out) {
    ++Pos;
    while (Pos < S.size()) {
      char C = S[Pos++];
      if (C == '"')
        return true;
      if (C != '\\') {
        Out.push_back(C);
        continue;
      }
      if (Pos >= S.size())
        return false;
      char E = S[Pos++];
      unsigned Digits = 0;
      switch (E) {
      case '0': Out.push_back('\0'); continue;
      case 'a': Out.push_back('\a'); continue;
      case 'b': Out.push_back('\b'); continue;
      case 't': Out.push_back('\t'); continue;
      case 'n': Out.push_back('\n'); continue;
      case 'v': Out.push_back('\v'); continue;
      case 'f': Out.push_back('\f'); continue;
      case 'r': Out.push_back('\r'); continue;
      case 'e': Out.push_back('\x1b'); continue;
      case ' ': case '"': case '/': case '\\': Out.push_back(E); continue;
      case 'x': Digits = 2; break;
      case 'u': Digits = 4; break;
      case 'U': Digits = 8; break;
      default:
        return false; // \N, \_, \L, \P, line continuations: leave to yaml-cpp
      }
      if (Pos + Digits > S.size())
        return false;
      uint32_t Code = 0;
      for (unsigned I = 0; I < Digits; ++I) {
        int D = hexDigit(S[Pos++]);
        if (D < 0)
          return false;
        Code = Code << 4 | unsigned(D);
      }
      if (Code > 0x10FFFF || (Code >= 0xD800 && Code <= 0xDFFF))
        return false;
      char Buf[4];
      char *End = Buf;
      if (!llvm::ConvertCodePointToUTF8(Code, End))
        return false;
      Out.append(Buf, End);
    }
    return false; // continues on the next line
  }
};

/// Bytes whose meaning yaml-cpp may not keep in a raw line: controls, DEL,
/// C1 controls and NBSP, the line and paragraph separators, the BOM, and
/// anything that is not UTF-8.
bool plainText(llvm::StringRef Line) {
  bool Ascii = true;
  for (size_t I = 0; I < Line.size(); ++I) {
    unsigned char C = Line[I];
    if (C < 0x20 || C == 0x7f)
      return false;
    if (C < 0x80)
      continue;
    Ascii = false;
    unsigned char C1 = I + 1 < Line.size() ? Line[I + 1] : 0;
    unsigned char C2 = I + 2 < Line.size() ? Line[I + 2] : 0;
    if (C == 0xc2 && C1 >= 0x80 && C1 <= 0xa0)
      return false;
    if (C == 0xe2 && C1 == 0x80 && (C2 == 0xa8 || C2 == 0xa9))
      return false;
    if (C == 0xef && C1 == 0xbb && C2 == 0xbf)
      return false;
  }
  // Most lines are ASCII, which is valid UTF-8 (perf: the UTF-8 check of
  // every line was 4% of a merge).
  if (Ascii)
    return true;
  const llvm::UTF8 *P = reinterpret_cast<const llvm::UTF8 *>(Line.data());
  return llvm::isLegalUTF8String(&P, P + Line.size());
}

/// `{key: value, ...}` filling the whole rest of the line.
bool flowMap(LineScanner &L, int Number, FactsNode &Out) {
  Out.K = FactsNode::Kind::Map;
  Out.Line = Number;
  if (!L.consume("{"))
    return false;
  if (L.consume("}"))
    return L.atEnd();
  // Room for every key at once (each is followed by ": "; a quoted value
  // may add a few): each growth moved every key/value node so far (perf:
  // 5% of a merge).
  Out.Entries.reserve(L.rest().count(": "));
  while (true) {
    FactsNode Key, Value;
    if (!L.key(Key) || !L.consume(" "))
      return false;
    if (L.consume("[")) {
      Value.K = FactsNode::Kind::Sequence;
      Value.Line = Number;
      if (!L.consume("]")) {
        while (true) {
          FactsNode Item;
          if (!L.value(/*Flow=*/true, Item))
            return false;
          Value.Items.push_back(std::move(Item));
          if (L.consume("]"))
            break;
          if (!L.consume(", "))
            return false;
        }
      }
    } else if (!L.value(/*Flow=*/true, Value)) {
      return false;
    }
    Out.Entries.emplace_back(std::move(Key), std::move(Value));
    if (L.consume("}"))
      return L.atEnd();
    if (!L.consume(", "))
      return false;
  }
}

} // namespace

bool parseFactsLayout(llvm::StringRef Text, FactsNode &Root) {
  Root = FactsNode();
  Root.K = FactsNode::Kind::Map;
  if (Text.empty() || Text.back() != '\n')
    return false;
  FactsNode *OpenList = nullptr; ///< the `key:` whose `  - ` lines follow
  int Number = 0;
  for (size_t Pos = 0; Pos < Text.size(); ++Number) {
    size_t Eol = Text.find('\n', Pos);
    llvm::StringRef Line = Text.slice(Pos, Eol);
    Pos = Eol + 1;
    if (!plainText(Line))
      return false;
    LineScanner L(Line, Number);
    if (L.consume("  - ")) {
      if (!OpenList)
        return false;
      FactsNode Item;
      if (!flowMap(L, Number, Item))
        return false;
      OpenList->Items.push_back(std::move(Item));
      continue;
    }
    FactsNode Key, Value;
    if (!L.key(Key))
      return false;
    OpenList = nullptr;
    if (L.atEnd()) {
      // `key:` and its items on the following lines. yaml-cpp gives the
      // sequence the line of its first item; the reader only uses the key's.
      Value.K = FactsNode::Kind::Sequence;
      Value.Line = Number + 1;
      Root.Entries.emplace_back(std::move(Key), std::move(Value));
      OpenList = &Root.Entries.back().second;
      continue;
    }
    if (!L.consume(" "))
      return false;
    if (L.consume("[]")) {
      Value.K = FactsNode::Kind::Sequence;
      Value.Line = Number;
    } else if (!L.value(/*Flow=*/false, Value)) {
      return false;
    }
    if (!L.atEnd())
      return false;
    Root.Entries.emplace_back(std::move(Key), std::move(Value));
  }
  // `key:` with no items is null in YAML, not an empty list.
  for (const auto &KV : Root.Entries)
    if (KV.second.IsSequence() && KV.second.Items.empty() && KV.second.Line != KV.first.Line)
      return false;
  return !Root.Entries.empty();
}

} // namespace conc
