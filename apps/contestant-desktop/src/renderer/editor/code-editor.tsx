import { useEffect, useRef } from 'react';
import { monaco } from './monaco-setup';

export interface CodeEditorProps {
  /** Identifies the buffer: a new key swaps in a new model with `initialText`. */
  bufferKey: string;
  initialText: string;
  monacoLanguage: string;
  onChange(text: string): void;
  /** Ctrl/Cmd+Enter inside the editor. */
  onSubmitShortcut(): void;
  /** Ctrl/Cmd+Shift+Enter inside the editor. */
  onRunShortcut(): void;
  /** Accessible name of the editor's text area. */
  label: string;
}

/**
 * Monaco with VS Code's default keys, one model per buffer key (so undo history stays with its
 * buffer while switching problems or languages). Ctrl+M toggles whether Tab moves focus.
 */
export function CodeEditor(props: CodeEditorProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const modelsRef = useRef(new Map<string, monaco.editor.ITextModel>());
  const propsRef = useRef(props);
  propsRef.current = props;

  useEffect(() => {
    if (!hostRef.current) return;
    const editor = monaco.editor.create(hostRef.current, {
      theme: 'vs-dark',
      automaticLayout: true,
      fontSize: 15,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      tabSize: 4,
      ariaLabel: propsRef.current.label,
      accessibilitySupport: 'auto',
    });
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => propsRef.current.onSubmitShortcut());
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.Enter, () => propsRef.current.onRunShortcut());
    const sub = editor.onDidChangeModelContent(() => propsRef.current.onChange(editor.getValue()));
    editorRef.current = editor;
    const models = modelsRef.current;
    return () => {
      sub.dispose();
      editor.dispose();
      for (const model of models.values()) model.dispose();
      models.clear();
      editorRef.current = null;
    };
  }, []);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor) return;
    let model = modelsRef.current.get(props.bufferKey);
    if (!model) {
      model = monaco.editor.createModel(props.initialText, props.monacoLanguage);
      modelsRef.current.set(props.bufferKey, model);
    }
    if (editor.getModel() !== model) editor.setModel(model);
    // bufferKey decides the model; initialText only seeds a new one.
  }, [props.bufferKey]);

  return <div ref={hostRef} className="code-editor" data-testid="code-editor" />;
}
