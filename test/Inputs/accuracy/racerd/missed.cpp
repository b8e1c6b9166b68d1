// A member race without threads: RacerD's setting, not the tool's (a FN).
class Box {
public:
  void set(int x) { v = x; }
  int get() { return v; }
private:
  int v = 0;
};
