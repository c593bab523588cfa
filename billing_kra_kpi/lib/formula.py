"""Formulas of formula KPIs: arithmetic on KPI codes and numbers.

Grammar::

    expression := term (("+" | "-") term)*
    term       := factor (("*" | "/") factor)*
    factor     := ("+" | "-") factor | number | reference | "(" expression ")"
    reference  := name | "[" code "]"

A ``name`` starts with a letter or "_" and goes on with letters, digits, "_"
and ".". A code that starts with a digit, such as 7.4, is written in brackets,
``[7.4]``, because a bare 7.4 is a number. Nothing else is accepted: no Python,
no function calls, no field access.

Evaluation never raises on data: a division by zero or a missing input gives
None, the n/a of the KPI engine.

>>> parse("cost / invoices").references()
['cost', 'invoices']
>>> parse("([1.4] - 2) * 100").evaluate({"1.4": 7.0})
500.0
>>> parse("cost / invoices").evaluate({"cost": 10.0, "invoices": 0.0}) is None
True
>>> parse("cost / invoices").evaluate({"cost": 10.0}) is None
True
>>> try:
...     parse("import os")
... except FormulaError as error:
...     print(error.reason, error.text, error.position)
unexpected os 8
"""

import re

TOKEN = re.compile(
    r"\s*(?:"
    r"(?P<number>\d+(?:\.\d+)?)"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_.]*)"
    r"|\[\s*(?P<code>[A-Za-z0-9_.]+)\s*\]"
    r"|(?P<operator>[-+*/()])"
    r")"
)


class FormulaError(ValueError):
    """A formula that cannot be parsed. ``reason`` is one of "empty",
    "unexpected", "incomplete" and "unclosed"; ``text`` the offending text and
    ``position`` its offset (1-based), for the message shown to the user."""

    def __init__(self, reason, text, position):
        super().__init__("%s %r at position %s" % (reason, text, position))
        self.reason = reason
        self.text = text
        self.position = position


class Node:
    """A parsed formula."""

    def references(self):
        """Return the KPI codes the formula refers to, in order of first use."""
        found = []
        self._collect(found)
        return list(dict.fromkeys(found))

    def evaluate(self, values):
        """Return the value for ``values`` ({code: number or None}), or None
        when an input is missing or a division is by zero."""
        raise NotImplementedError

    def _collect(self, found):
        pass


class Number(Node):
    def __init__(self, number):
        self.number = number

    def evaluate(self, values):
        return self.number


class Reference(Node):
    def __init__(self, code):
        self.code = code

    def evaluate(self, values):
        return values.get(self.code)

    def _collect(self, found):
        found.append(self.code)


class Negation(Node):
    def __init__(self, operand):
        self.operand = operand

    def evaluate(self, values):
        value = self.operand.evaluate(values)
        return None if value is None else -value

    def _collect(self, found):
        self.operand._collect(found)


class Operation(Node):
    def __init__(self, operator, left, right):
        self.operator = operator
        self.left = left
        self.right = right

    def evaluate(self, values):
        left = self.left.evaluate(values)
        right = self.right.evaluate(values)
        if left is None or right is None:
            return None
        if self.operator == "+":
            return left + right
        if self.operator == "-":
            return left - right
        if self.operator == "*":
            return left * right
        if right == 0:
            return None
        return left / right

    def _collect(self, found):
        self.left._collect(found)
        self.right._collect(found)


def parse(text):
    """Return the Node of formula ``text``; raise FormulaError when it is not
    a formula of the grammar above."""
    tokens = _tokenize(text or "")
    if not tokens:
        raise FormulaError("empty", "", 1)
    parser = _Parser(tokens, len(text) + 1)
    node = parser.expression()
    if parser.index < len(tokens):
        kind, value, position = tokens[parser.index]
        raise FormulaError("unexpected", value, position)
    return node


def division_operands(node):
    """Return the (numerator, denominator) nodes when the whole formula is a
    division, else None: the engine then stores both sides of the value."""
    if isinstance(node, Operation) and node.operator == "/":
        return node.left, node.right
    return None


def _tokenize(text):
    tokens = []
    position = 0
    while position < len(text):
        if text[position:].strip() == "":
            break
        match = TOKEN.match(text, position)
        if not match or match.end() == position:
            offset = len(text) - len(text[position:].lstrip()) + 1
            raise FormulaError("unexpected", text[offset - 1], offset)
        kind = match.lastgroup
        value = match.group(kind)
        tokens.append((kind, value, match.start(kind) + 1))
        position = match.end()
    return tokens


class _Parser:
    def __init__(self, tokens, end):
        self.tokens = tokens
        self.index = 0
        self.end = end

    def _peek(self):
        return self.tokens[self.index] if self.index < len(self.tokens) else (None, None, self.end)

    def _take(self):
        token = self._peek()
        self.index += 1
        return token

    def expression(self):
        node = self.term()
        while self._peek()[1] in ("+", "-") and self._peek()[0] == "operator":
            operator = self._take()[1]
            node = Operation(operator, node, self.term())
        return node

    def term(self):
        node = self.factor()
        while self._peek()[1] in ("*", "/") and self._peek()[0] == "operator":
            operator = self._take()[1]
            node = Operation(operator, node, self.factor())
        return node

    def factor(self):
        kind, value, position = self._take()
        if kind is None:
            raise FormulaError("incomplete", "", position)
        if kind == "operator" and value in ("+", "-"):
            operand = self.factor()
            return operand if value == "+" else Negation(operand)
        if kind == "number":
            return Number(float(value))
        if kind in ("name", "code"):
            return Reference(value)
        if value == "(":
            node = self.expression()
            closing = self._take()
            if closing[1] != ")":
                raise FormulaError("unclosed", "(", closing[2])
            return node
        raise FormulaError("unexpected", value, position)
