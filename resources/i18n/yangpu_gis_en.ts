<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AttributeFilterBar</name>
    <message numerus="yes">
        <source>%n feature(s) match</source>
        <translation>
            <numerusform>%n feature matches</numerusform>
            <numerusform>%n features match</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AttributeTable</name>
    <message numerus="yes">
        <source>%Ln feature(s)</source>
        <translation>
            <numerusform>%Ln feature</numerusform>
            <numerusform>%Ln features</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{features} · %Ln selected</source>
        <translation>
            <numerusform>{features} · %Ln selected</numerusform>
            <numerusform>{features} · %Ln selected</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportActions</name>
    <message numerus="yes">
        <source>Exported %n review note(s) to {path}</source>
        <translation>
            <numerusform>Exported %n review note to {path}</numerusform>
            <numerusform>Exported %n review notes to {path}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FactsPanel</name>
    <message numerus="yes">
        <source>%n features here, topmost first:</source>
        <translation>
            <numerusform>%n feature here, topmost first:</numerusform>
            <numerusform>%n features here, topmost first:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more…</source>
        <translation>
            <numerusform>and %n more…</numerusform>
            <numerusform>and %n more…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LayersPanel</name>
    <message numerus="yes">
        <source>{title}
%Ln feature(s) ({geometry})</source>
        <translation>
            <numerusform>{title}
%Ln feature ({geometry})</numerusform>
            <numerusform>{title}
%Ln features ({geometry})</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LoadWarnings</name>
    <message numerus="yes">
        <source>and %Ln more, listed in the log</source>
        <translation>
            <numerusform>and %Ln more, listed in the log</numerusform>
            <numerusform>and %Ln more, listed in the log</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message numerus="yes">
        <source>%n files could not be opened:</source>
        <translation>
            <numerusform>%n file could not be opened:</numerusform>
            <numerusform>%n files could not be opened:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NotesList</name>
    <message numerus="yes">
        <source>%n note(s) shown of {total}</source>
        <translation>
            <numerusform>%n note shown of {total}</numerusform>
            <numerusform>%n notes shown of {total}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewNotesCount</name>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n note</numerusform>
            <numerusform>%n notes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{notes}, %n open</source>
        <translation>
            <numerusform>{notes}, %n open</numerusform>
            <numerusform>{notes}, %n open</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SelectionStatus</name>
    <message numerus="yes">
        <source>%n feature(s) selected</source>
        <translation>
            <numerusform>%n feature selected</numerusform>
            <numerusform>%n features selected</numerusform>
        </translation>
    </message>
</context>
</TS>
